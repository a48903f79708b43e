package dev.lifecycle.edge.site.api;

/**
 * A refusal the site API answers as {@code {"error": code, "message": message}} with {@code status}. The message is
 * a sentence for a person; it never carries a secret. No stack trace is kept: a refusal is an answer, not a bug.
 */
public final class ApiProblem extends RuntimeException {

  private final int status;
  private final String code;
  private final Long retryAfterSeconds;

  public ApiProblem(int status, String code, String message) {
    this(status, code, message, null);
  }

  public ApiProblem(int status, String code, String message, Long retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** For 429 answers: the {@code Retry-After} header, in seconds. */
  public Long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public static ApiProblem badRequest(String message) {
    return new ApiProblem(400, "BadRequest", message);
  }

  public static ApiProblem invalid(String message) {
    return new ApiProblem(422, "Invalid", message);
  }

  public static ApiProblem notFound(String message) {
    return new ApiProblem(404, "NotFound", message);
  }

  public static ApiProblem conflict(String message) {
    return new ApiProblem(409, "Conflict", message);
  }

  public static ApiProblem unauthorized(String code, String message) {
    return new ApiProblem(401, code, message);
  }

  public static ApiProblem forbidden(String code, String message) {
    return new ApiProblem(403, code, message);
  }
}
