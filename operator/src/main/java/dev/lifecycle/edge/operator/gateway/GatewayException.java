package dev.lifecycle.edge.operator.gateway;

/** A refused request: carries the answer the client gets. No stack trace is kept, none is ever sent. */
final class GatewayException extends RuntimeException {

  private final transient ApiError error;

  GatewayException(ApiError error) {
    super(error.code() + ": " + error.message(), null, false, false);
    this.error = error;
  }

  ApiError error() {
    return error;
  }
}
