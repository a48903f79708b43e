package dev.lifecycle.edge.oci;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;

/**
 * HTTP to registries: authentication challenges answered, 429/5xx and broken connections retried within the
 * retry policy, redirects followed (without our credentials when they lead to another host, as blob
 * storage redirects do), plain HTTP refused unless allowed for that registry.
 */
final class RegistryHttp {

  private static final int MAX_REDIRECTS = 5;

  /** One registry API call: on whose behalf (registry and repository), with which access. */
  record Call(String method, URI uri, ImageReference repository, boolean push, Map<String, String> headers,
              Supplier<HttpRequest.BodyPublisher> body) {

    String scope() {
      return "repository:" + repository.repository() + ":" + (push ? "pull,push" : "pull");
    }

    String describe() {
      return method + " " + uri;
    }
  }

  private final HttpClient client;
  private final RegistryAuthenticator authenticator;
  private final RetryPolicy retry;
  private final Duration timeout;
  private final Set<String> plainHttpRegistries;

  RegistryHttp(HttpClient client, RegistryAuthenticator authenticator, RetryPolicy retry, Duration timeout,
      Set<String> plainHttpRegistries) {
    this.client = client;
    this.authenticator = authenticator;
    this.retry = retry;
    this.timeout = timeout;
    this.plainHttpRegistries = Set.copyOf(plainHttpRegistries);
  }

  Duration timeout() {
    return timeout;
  }

  /** {@code https://host} (or {@code http://} where allowed) of a registry's API. */
  URI base(ImageReference reference) {
    String scheme = plainHttpRegistries.contains(reference.registry()) ? "http" : "https";
    return URI.create(scheme + "://" + reference.apiHost());
  }

  /** Refuses plain HTTP to anything not explicitly allowed (credentials and tokens would travel in clear). */
  void requireSecure(URI uri, String what) {
    if ("https".equalsIgnoreCase(uri.getScheme())) {
      return;
    }
    String hostPort = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    if ("http".equalsIgnoreCase(uri.getScheme()) && plainHttpRegistries.contains(hostPort)) {
      return;
    }
    throw new RegistryException(what + " is at " + uri.getScheme() + "://" + hostPort
        + ", and plain HTTP is allowed only for registries it is explicitly allowed for");
  }

  /**
   * Sends the call with authentication, redirects and retries. The answer's body is open: the caller reads
   * or closes it. A 401 or 403 that remains after the challenge was answered fails here.
   */
  HttpResponse<InputStream> send(Call call) {
    String registry = call.repository().registry();
    String scope = call.scope();
    URI uri = call.uri();
    boolean challenged = false;
    for (int redirects = 0; ; ) {
      URI target = uri;
      boolean sameOrigin = sameOrigin(target, call.uri());
      HttpResponse<InputStream> response = exchange(() -> {
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(timeout).method(call.method(), call.body().get());
        call.headers().forEach(request::header);
        if (sameOrigin) {
          authenticator.authorization(registry, scope).ifPresent(value -> request.header("Authorization", value));
        }
        return request.build();
      }, "registry " + registry + " (" + call.method() + " " + target + ")");
      int status = response.statusCode();
      if (status == 401 && sameOrigin && !challenged) {
        close(response);
        challenged = true;
        authenticator.answer(registry, call.repository().repository(), scope,
            response.headers().allValues("WWW-Authenticate"), this);
        continue;
      }
      if (status == 401 || status == 403) {
        close(response);
        throw new RegistryAuthException(authenticator.refusal(registry, call.repository().repository(),
            call.push() ? "push" : "pull", status));
      }
      if (isRedirect(status) && ("GET".equals(call.method()) || "HEAD".equals(call.method()))) {
        close(response);
        String location = response.headers().firstValue("Location")
            .orElseThrow(() -> new RegistryException("registry " + registry + " redirected " + call.describe() + " without a Location"));
        if (++redirects > MAX_REDIRECTS) {
          throw new RegistryException("registry " + registry + " redirected " + call.describe() + " more than " + MAX_REDIRECTS + " times");
        }
        uri = target.resolve(location);
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !sameOrigin(uri, call.uri())) {
          requireSecure(uri, "a redirect of " + call.describe());
        }
        continue;
      }
      return response;
    }
  }

  /** Sends a request, again after a pause while the answer is 429 or 5xx or the connection breaks, within the policy. */
  HttpResponse<InputStream> exchange(Supplier<HttpRequest> request, String what) {
    for (int attempt = 1; ; attempt++) {
      HttpResponse<InputStream> response;
      try {
        response = client.send(request.get(), HttpResponse.BodyHandlers.ofInputStream());
      } catch (SSLException e) {
        throw new RegistryException("TLS with " + what + " failed (is its CA among the trusted CA certificates?): "
            + describe(e), e);
      } catch (IOException e) {
        if (!retry.another(attempt)) {
          throw new RegistryException("cannot reach " + what + " after " + attempt + " attempts: " + describe(e), e);
        }
        pause(retry.delay(attempt, java.util.Optional.empty()));
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RegistryException("interrupted while talking to " + what, e);
      }
      if (RetryPolicy.retryable(response.statusCode()) && retry.another(attempt)) {
        close(response);
        pause(retry.delay(attempt, response.headers().firstValue("Retry-After")));
        continue;
      }
      return response;
    }
  }

  /** The body, at most {@code limit} bytes (manifests, tokens, error bodies): a larger one fails. */
  static byte[] readBounded(HttpResponse<InputStream> response, int limit, String what) {
    try (InputStream body = response.body()) {
      byte[] bytes = body.readNBytes(limit + 1);
      if (bytes.length > limit) {
        throw new RegistryException(what + " answered more than " + limit + " bytes, more than such an answer may be");
      }
      return bytes;
    } catch (IOException e) {
      throw new RegistryException("reading the answer of " + what + " failed: " + describe(e), e);
    }
  }

  /** Discards an answer: a small body is read to its end so that the connection can be reused. */
  static void close(HttpResponse<InputStream> response) {
    try (InputStream body = response.body()) {
      body.readNBytes(64 << 10);
    } catch (IOException e) {
      // the connection is dropped; nothing to keep from an answer we discard
    }
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static boolean sameOrigin(URI a, URI b) {
    return Objects.equals(a.getScheme(), b.getScheme()) && Objects.equals(a.getHost(), b.getHost())
        && a.getPort() == b.getPort();
  }

  private static String describe(IOException e) {
    return e.getMessage() != null ? e.getClass().getSimpleName() + ": " + e.getMessage() : e.getClass().getSimpleName();
  }

  private static void pause(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException("interrupted while waiting to retry", e);
    }
  }
}
