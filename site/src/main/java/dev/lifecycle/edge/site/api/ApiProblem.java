package dev.lifecycle.edge.site.api;

import java.util.List;

/**
 * A refusal the site API answers as {@code {"error": code, "message": message}} with {@code status}. The message is
 * a sentence for a person; it never carries a secret. No stack trace is kept: a refusal is an answer, not a bug.
 */
public final class ApiProblem extends RuntimeException {

  private final int status;
  private final String code;
  private final Long retryAfterSeconds;
  private final List<String> problems;

  public ApiProblem(int status, String code, String message) {
    this(status, code, message, null);
  }

  public ApiProblem(int status, String code, String message, Long retryAfterSeconds) {
    this(status, code, message, retryAfterSeconds, List.of());
  }

  private ApiProblem(int status, String code, String message, Long retryAfterSeconds, List<String> problems) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
    this.problems = List.copyOf(problems);
  }

  /**
   * A refusal for several reasons found together: answered with {@code "problems"}, one sentence each, beside the
   * message that names them all.
   */
  public static ApiProblem withProblems(int status, String code, String message, List<String> problems) {
    return new ApiProblem(status, code, message, null, problems);
  }

  /** Each problem on its own; empty when the message is the one problem. */
  public List<String> problems() {
    return problems;
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
