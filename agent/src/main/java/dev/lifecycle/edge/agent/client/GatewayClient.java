package dev.lifecycle.edge.agent.client;

import dev.lifecycle.edge.wire.ErrorBody;
import dev.lifecycle.edge.wire.Json;
import dev.lifecycle.edge.wire.Plan;
import dev.lifecycle.edge.wire.RegisterRequest;
import dev.lifecycle.edge.wire.RegisterResponse;
import dev.lifecycle.edge.wire.Report;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;

/**
 * The agent's side of the gateway API (docs/gateway-api.md): register, fetch the plan, report,
 * heartbeat. Every call is asynchronous, so one client and a few threads serve thousands of
 * simulated hosts; {@code join()} a call to wait for it.
 *
 * <p>A call fails with a {@link GatewayException} when the gateway answered with an error (status,
 * error code and message), with a {@link GatewayUnreachableException} when it did not answer, and
 * with an {@link UncheckedIOException} when its answer was not what the contract says.
 * {@link #cause(Throwable)} unwraps what a dependent stage sees. The client never logs, so neither
 * token nor credential can leak through it.
 */
public final class GatewayClient {

  /** How long one call may take before it counts as unreachable. */
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private static final String JSON = "application/json";

  private final HttpClient http;
  private final URI gateway;
  private final String base;

  /**
   * @param http the HTTP client to send with (see {@link #httpClient})
   * @param gateway the gateway's base URL, such as {@code https://gateway.example.com:9443}
   */
  public GatewayClient(HttpClient http, URI gateway) {
    String scheme = gateway.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme) || gateway.getHost() == null) {
      throw new IllegalArgumentException("the gateway URL must be http:// or https:// with a host, got " + gateway);
    }
    this.http = http;
    this.gateway = gateway;
    String text = gateway.toString();
    this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }

  /**
   * An HTTP client for the gateway: HTTP/1.1, a 10 s connect timeout, callbacks on {@code executor}.
   *
   * @param caCert a PEM file of the private CA to trust for the gateway's TLS; empty for the JDK's
   * @param executor where responses are handled; a small pool is enough for thousands of hosts
   */
  public static HttpClient httpClient(Optional<Path> caCert, Executor executor) {
    return httpClient(caCert.map(TrustedCa::sslContext).orElse(null), executor);
  }

  /**
   * An HTTP client for the gateway, as {@link #httpClient(Optional, Executor)}.
   *
   * @param tls the TLS context to trust the gateway with (see {@link TrustedCa}); null for the JDK's
   */
  public static HttpClient httpClient(SSLContext tls, Executor executor) {
    HttpClient.Builder builder = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .executor(executor);
    if (tls != null) {
      builder.sslContext(tls);
    }
    return builder.build();
  }

  /** The gateway's base URL. */
  public URI gateway() {
    return gateway;
  }

  /** {@code POST /v1/register}: the token in, the host's name and credential out. */
  public CompletableFuture<RegisterResponse> register(RegisterRequest request) {
    return register(request, Optional.empty());
  }

  /**
   * {@code POST /v1/register} with the host credential the agent holds: a host that registered before
   * registers again only with its current credential (or once a person allowed it).
   */
  public CompletableFuture<RegisterResponse> register(RegisterRequest request, Optional<String> credential) {
    HttpRequest.Builder post = post("/v1/register", Json.write(request));
    return send(credential.map(held -> authenticated(post, held)).orElse(post).build())
        .thenApply(response -> {
          RegisterResponse registration = Json.read(response.body(), RegisterResponse.class);
          if (registration.credential() == null || registration.host() == null) {
            throw malformed("a registration without host or credential");
          }
          return registration;
        });
  }

  /**
   * {@code GET /v1/plan}, cheap when nothing changed.
   *
   * @param credential the host credential
   * @param etag the {@code ETag} of the plan the agent has, or null for none
   */
  public CompletableFuture<PlanAnswer> fetchPlan(String credential, String etag) {
    return fetchPlan(credential, etag, Duration.ZERO);
  }

  /**
   * {@code GET /v1/plan} as a long poll: with {@code Prefer: wait=<seconds>} the gateway holds the
   * answer until the plan changes or the wait ends. Whether it did is in the answer.
   *
   * @param wait how long the gateway may hold the request; zero for an answer at once
   */
  public CompletableFuture<PlanAnswer> fetchPlan(String credential, String etag, Duration wait) {
    HttpRequest.Builder request = request("/v1/plan", credential).GET();
    if (etag != null) {
      request.header("If-None-Match", etag);
    }
    if (wait.toSeconds() > 0) {
      request.header("Prefer", "wait=" + wait.toSeconds()).timeout(REQUEST_TIMEOUT.plus(wait));
    }
    return send(request.build()).thenApply(response -> {
      boolean waited = response.headers().firstValue("Preference-Applied").filter(v -> v.contains("wait="))
          .isPresent();
      return switch (response.statusCode()) {
        case 204 -> new PlanAnswer.NoPlan(waited);
        case 304 -> new PlanAnswer.NotModified(waited);
        default -> current(response);
      };
    });
  }

  /** {@code POST /v1/report}: how the work on a plan stands. */
  public CompletableFuture<Void> report(String credential, Report report) {
    return send(authenticated(post("/v1/report", Json.write(report)), credential).build()).thenApply(r -> null);
  }

  /** {@code POST /v1/heartbeat}: the host is alive. */
  public CompletableFuture<Void> heartbeat(String credential) {
    return send(authenticated(post("/v1/heartbeat", "{}"), credential).build()).thenApply(r -> null);
  }

  /** The exception a failed call carries, whether a stage wrapped it or not. */
  public static Throwable cause(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static PlanAnswer current(HttpResponse<String> response) {
    Plan plan = Json.read(response.body(), Plan.class);
    if (plan.generation() == null) {
      throw malformed("a plan without generation");
    }
    String etag = response.headers().firstValue("ETag").orElse("\"" + plan.generation() + "\"");
    return new PlanAnswer.Current(plan, response.body(), etag);
  }

  private CompletableFuture<HttpResponse<String>> send(HttpRequest request) {
    CompletableFuture<HttpResponse<String>> answer = new CompletableFuture<>();
    http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
      if (failure != null) {
        Throwable cause = cause(failure);
        PinnedCertificate.PinMismatchException mismatch = pinMismatch(cause);
        if (mismatch != null) {
          answer.completeExceptionally(new GatewayUntrustedException("the server at " + gateway + " is not the one "
              + "this host pins: " + mismatch.getMessage(), mismatch));
          return;
        }
        answer.completeExceptionally(new GatewayUnreachableException("no answer from the gateway at " + gateway
            + " (" + request.method() + " " + request.uri().getPath() + "): " + describe(cause), cause));
      } else if (response.statusCode() >= 400) {
        answer.completeExceptionally(error(response));
      } else {
        answer.complete(response);
      }
    });
    return answer;
  }

  private static PinnedCertificate.PinMismatchException pinMismatch(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof PinnedCertificate.PinMismatchException mismatch) {
        return mismatch;
      }
      if (cause.getCause() == cause) {
        return null;
      }
    }
    return null;
  }

  private static GatewayException error(HttpResponse<String> response) {
    String error = "HTTP" + response.statusCode();
    String message = response.body();
    try {
      ErrorBody body = Json.read(response.body(), ErrorBody.class);
      if (body.error() != null) {
        error = body.error();
        message = body.message();
      }
    } catch (UncheckedIOException notJson) {
      message = message.length() > 200 ? message.substring(0, 200) : message;
    }
    Duration retryAfter = response.headers().firstValue("Retry-After")
        .filter(value -> value.matches("\\d{1,6}"))
        .map(value -> Duration.ofSeconds(Long.parseLong(value)))
        .orElse(null);
    return new GatewayException(response.statusCode(), error, message, retryAfter);
  }

  private HttpRequest.Builder post(String path, String json) {
    return request(path, null).header("Content-Type", JSON).POST(HttpRequest.BodyPublishers.ofString(json));
  }

  private HttpRequest.Builder request(String path, String credential) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(REQUEST_TIMEOUT)
        .header("Accept", JSON);
    return credential == null ? request : authenticated(request, credential);
  }

  private static HttpRequest.Builder authenticated(HttpRequest.Builder request, String credential) {
    return request.header("Authorization", "Bearer " + credential);
  }

  private static UncheckedIOException malformed(String what) {
    return new UncheckedIOException(new IOException("the gateway answered " + what));
  }

  private static String describe(Throwable cause) {
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
