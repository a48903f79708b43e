package dev.lifecycle.edge.operator.gateway.http;

/** A refused request: carries the answer the client gets. No stack trace is kept, none is ever sent. */
public final class GatewayException extends RuntimeException {

  private final transient ApiError error;

  GatewayException(ApiError error) {
    super(error.code() + ": " + error.message(), null, false, false);
    this.error = error;
  }

  ApiError error() {
    return error;
  }
}
