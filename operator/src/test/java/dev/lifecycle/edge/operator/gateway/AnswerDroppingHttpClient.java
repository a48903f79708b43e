package dev.lifecycle.edge.operator.gateway;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * An HTTP client that loses the answers of the first {@code drops} requests to one path: each request reaches
 * the server and is carried out, then the caller sees a timeout instead of the answer, as when a slow gateway
 * answers after the agent gave up waiting.
 */
final class AnswerDroppingHttpClient extends HttpClient {

  private final HttpClient delegate;
  private final String path;
  private final AtomicInteger drops;
  private final AtomicInteger sent = new AtomicInteger();

  AnswerDroppingHttpClient(HttpClient delegate, String path, int drops) {
    this.delegate = delegate;
    this.path = path;
    this.drops = new AtomicInteger(drops);
  }

  /** How many requests to the path were sent, answers lost included. */
  int sent() {
    return sent.get();
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
      HttpResponse.BodyHandler<T> handler) {
    CompletableFuture<HttpResponse<T>> answer = delegate.sendAsync(request, handler);
    if (!request.uri().getPath().equals(path)) {
      return answer;
    }
    sent.incrementAndGet();
    return answer.thenCompose(response -> drops.getAndUpdate(left -> Math.max(0, left - 1)) > 0
        ? CompletableFuture.failedFuture(new HttpTimeoutException("request timed out (its answer was dropped)"))
        : CompletableFuture.completedFuture(response));
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
      HttpResponse.PushPromiseHandler<T> push) {
    return sendAsync(request, handler);
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    throw new UnsupportedOperationException("the agent's client sends asynchronously");
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return delegate.cookieHandler();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return delegate.connectTimeout();
  }

  @Override
  public Redirect followRedirects() {
    return delegate.followRedirects();
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return delegate.proxy();
  }

  @Override
  public SSLContext sslContext() {
    return delegate.sslContext();
  }

  @Override
  public SSLParameters sslParameters() {
    return delegate.sslParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return delegate.authenticator();
  }

  @Override
  public Version version() {
    return delegate.version();
  }

  @Override
  public Optional<Executor> executor() {
    return delegate.executor();
  }
}
