package dev.lifecycle.edge.site.api;

import io.vertx.core.http.HttpServerRequest;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The checks a streamed archive upload passes before a byte of it is read: it is sent as an archive (415 otherwise)
 * and a {@code Content-Length} it declares is a number (400) within the bound (the route's 413). The same reading of
 * the headers serves {@link JsonBody}.
 */
public final class UploadRequest {

  private static final Set<String> ARCHIVE_TYPES = Set.of("application/zstd", "application/octet-stream");

  private UploadRequest() {
  }

  /**
   * Refuses an upload not sent as {@code application/zstd} or {@code application/octet-stream}, or declaring a
   * length that is not a number or is over {@code maxBytes}; reads nothing.
   *
   * @param what     what the upload is, as the 415 names it ("bundle", "definition")
   * @param tooLarge the route's answer to an upload over the bound
   * @throws ApiProblem the refusal
   */
  public static void check(HttpServerRequest request, String what, long maxBytes, Supplier<ApiProblem> tooLarge) {
    String type = request.getHeader("Content-Type");
    String media = mediaType(type);
    if (media == null || !ARCHIVE_TYPES.contains(media)) {
      throw new ApiProblem(415, "UnsupportedMediaType", "send the " + what + " (.tar.zst) as application/zstd or "
          + "application/octet-stream (it was " + (type == null ? "given no Content-Type" : "'" + clip(type) + "'")
          + ")");
    }
    if (declaredLength(request) > maxBytes) {
      throw tooLarge.get();
    }
  }

  /** The media type of a {@code Content-Type} header, lower case and without parameters; null for no header. */
  static String mediaType(String type) {
    return type == null ? null : type.toLowerCase(Locale.ROOT).split(";", 2)[0].strip();
  }

  /**
   * The {@code Content-Length} the request declares, or -1 when it declares none.
   *
   * @throws ApiProblem (400) the header is not a number
   */
  static long declaredLength(HttpServerRequest request) {
    String declared = request.getHeader("Content-Length");
    if (declared == null) {
      return -1;
    }
    try {
      return Long.parseLong(declared.strip());
    } catch (NumberFormatException e) {
      throw ApiProblem.badRequest("the Content-Length header is not a number");
    }
  }

  private static String clip(String text) {
    String printable = text.replaceAll("[^\\x20-\\x7e]", "?");
    return printable.length() > 80 ? printable.substring(0, 80) + "..." : printable;
  }
}
