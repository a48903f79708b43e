package dev.lifecycle.edge.agent.client;

import java.time.Duration;
import java.util.Optional;

/**
 * The gateway answered with an error: a 4xx or 5xx carrying {@code {"error", "message"}}.
 */
public class GatewayException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String error;
  private final String gatewayMessage;
  private final transient Duration retryAfter;

  /**
   * @param status the HTTP status
   * @param error the CamelCase error code (or {@code HTTP <status>} when the body had none)
   * @param gatewayMessage the gateway's message for a person
   * @param retryAfter the {@code Retry-After} delay of a 429, or null
   */
  public GatewayException(int status, String error, String gatewayMessage, Duration retryAfter) {
    super(status + " " + error + ": " + gatewayMessage);
    this.status = status;
    this.error = error;
    this.gatewayMessage = gatewayMessage;
    this.retryAfter = retryAfter;
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The CamelCase error code, such as {@code Unauthorized} or {@code TokenRevoked}. */
  public String error() {
    return error;
  }

  /** The gateway's message for a person. */
  public String gatewayMessage() {
    return gatewayMessage;
  }

  /** How long the gateway asked the client to wait (429 only). */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** 401: an unknown token, or a missing or wrong credential. */
  public boolean isUnauthorized() {
    return status == 401;
  }

  /** 401 or 403 on registration: the token does not register hosts now. */
  public boolean refusesRegistration() {
    return status == 401 || status == 403;
  }

  /** A 5xx or a 429: the same request may succeed later. */
  public boolean isTransient() {
    return status >= 500 || status == 429;
  }
}
