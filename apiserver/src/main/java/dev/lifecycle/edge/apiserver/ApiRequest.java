package dev.lifecycle.edge.apiserver;

/**
 * A request the embedded API received, as a listener sees it before it is served.
 *
 * @param method the HTTP method, such as {@code GET}
 * @param target the path with its query string, such as {@code /api/v1/namespaces/a/secrets?watch=true}
 * @param userAgent the client's User-Agent header, or null
 */
public record ApiRequest(String method, String target, String userAgent) {
}
