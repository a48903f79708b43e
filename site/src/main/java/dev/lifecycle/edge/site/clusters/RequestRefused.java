package dev.lifecycle.edge.site.clusters;

import java.util.List;

/**
 * A request the site refused, changing nothing: an HTTP-style status (400, 404, 409, 413, 422), a CamelCase code
 * for programs and a sentence for a person, with each problem on its own when there are several. It never
 * holds a secret value, so a route can answer it as it is.
 */
public final class RequestRefused extends Exception {

  /** The request cannot be read (a missing field, a malformed value). */
  public static final int BAD_REQUEST = 400;
  /** What the request names does not exist. */
  public static final int NOT_FOUND = 404;
  /** The request clashes with what the site holds (in use, taken, changed meanwhile). */
  public static final int CONFLICT = 409;
  /** The upload is larger than the site accepts. */
  public static final int TOO_LARGE = 413;
  /** The request is well formed but its content is refused (verification, variables, hosts). */
  public static final int UNPROCESSABLE = 422;

  private final int status;
  private final String code;
  private final List<String> problems;

  public RequestRefused(int status, String code, String message) {
    this(status, code, message, List.of(message));
  }

  public RequestRefused(int status, String code, String message, List<String> problems) {
    super(message);
    this.status = status;
    this.code = code;
    this.problems = List.copyOf(problems);
  }

  /** Several problems found together: the message names them all. */
  public static RequestRefused all(int status, String code, String summary, List<String> problems) {
    return new RequestRefused(status, code, summary + ": " + String.join("; ", problems), problems);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public List<String> problems() {
    return problems;
  }
}
