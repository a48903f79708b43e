package dev.lifecycle.edge.operator.gateway.http;

/**
 * An error answer of the gateway: HTTP status, CamelCase code and a message for a person, written as
 * {@code {"error": code, "message": message}}. Messages never carry a token or a credential.
 */
public record ApiError(int status, String code, String message) {

  public static ApiError badRequest(String message) {
    return new ApiError(400, "BadRequest", message);
  }

  public static ApiError unauthorized(String message) {
    return new ApiError(401, "Unauthorized", message);
  }

  public static ApiError forbidden(String code, String message) {
    return new ApiError(403, code, message);
  }

  static ApiError notFound(String message) {
    return new ApiError(404, "NotFound", message);
  }

  static ApiError methodNotAllowed(String message) {
    return new ApiError(405, "MethodNotAllowed", message);
  }

  static ApiError requestTimeout(long seconds) {
    return new ApiError(408, "RequestTimeout", "the request body did not arrive within " + seconds + " s: the "
        + "connection is closed");
  }

  public static ApiError machineConflict(String message) {
    return new ApiError(409, "MachineConflict", message);
  }

  static ApiError payloadTooLarge(long limit) {
    return new ApiError(413, "PayloadTooLarge", "the request body is larger than " + limit + " bytes");
  }

  static ApiError uriTooLong(int limit) {
    return new ApiError(414, "UriTooLong", "the request line is longer than " + limit + " bytes");
  }

  static ApiError headersTooLarge(int limit) {
    return new ApiError(431, "RequestHeaderFieldsTooLarge", "the request headers are larger than " + limit
        + " bytes");
  }

  public static ApiError unsupportedMediaType(String message) {
    return new ApiError(415, "UnsupportedMediaType", message);
  }

  static ApiError tooManyRequests(long retryAfterSeconds) {
    return new ApiError(429, "TooManyRequests", "too many failed or too frequent requests from this client: "
        + "try again in " + retryAfterSeconds + " s");
  }

  public static ApiError busy(long retryAfterSeconds) {
    return new ApiError(503, "Busy", "the gateway is busy with other hosts' requests: try again in "
        + retryAfterSeconds + " s");
  }

  public static ApiError internal() {
    return new ApiError(500, "InternalError", "the gateway could not complete the request: try again later");
  }

  /** The error as an exception, for code that refuses a request deep inside a call. */
  public GatewayException exception() {
    return new GatewayException(this);
  }
}
