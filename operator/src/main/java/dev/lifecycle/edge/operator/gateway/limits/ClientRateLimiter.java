package dev.lifecycle.edge.operator.gateway.limits;

import dev.lifecycle.edge.operator.gateway.GatewayConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Per-client limits: every request takes a token from a general bucket, and every refused request (a
 * 4xx) takes one from a small failures bucket. A client whose failures bucket is empty is answered 429
 * before any work is done, even for a request that would succeed, until it refills; so is a client
 * over its general rate.
 *
 * <p>A client is a host when the request carries that host's current credential ({@link #host}), else
 * the remote address. A host's requests take from its own bucket ({@code hostRequests}) and never from
 * its address's ({@code addressRequests}), which only requests that prove no host spend: registrations
 * and missing or invalid credentials. So any number of agents may share one address (a site's NAT, an
 * egress proxy), and none shares a budget with the failures of an unauthenticated device among them.
 * When authenticated requests were counted by address, 50 a second carried about 750 agents (one
 * request in 15 s each) per address.
 */
public final class ClientRateLimiter {

  private static final String HOST = "host ";

  private final GatewayConfig.RateLimit failures;
  private final GatewayConfig.RateLimit addressRequests;
  private final GatewayConfig.RateLimit hostRequests;
  private final LongSupplier nanoClock;
  private final Map<String, TokenBucket> failureBuckets = new ConcurrentHashMap<>();
  private final Map<String, TokenBucket> requestBuckets = new ConcurrentHashMap<>();

  public ClientRateLimiter(GatewayConfig.RateLimit failures, GatewayConfig.RateLimit addressRequests,
      GatewayConfig.RateLimit hostRequests, LongSupplier nanoClock) {
    this.failures = failures;
    this.addressRequests = addressRequests;
    this.hostRequests = hostRequests;
    this.nanoClock = nanoClock;
  }

  /** The client of a request that proves its host (namespace/name); never an address (which has no space). */
  public static String host(String hostKey) {
    return HOST + hostKey;
  }

  /** Empty when the client may go on; else how long it should wait (the Retry-After). */
  public Optional<Duration> admit(String client) {
    long now = nanoClock.getAsLong();
    TokenBucket failed = failureBuckets.get(client);
    if (failed != null && !failed.hasToken(now)) {
      return Optional.of(failed.untilToken(now));
    }
    TokenBucket bucket = requestBuckets.computeIfAbsent(client, c -> new TokenBucket(
        c.startsWith(HOST) ? hostRequests : addressRequests, now));
    return bucket.tryTake(now) ? Optional.empty() : Optional.of(bucket.untilToken(now));
  }

  /** Counts a refused request of the client. */
  public void failed(String client) {
    long now = nanoClock.getAsLong();
    failureBuckets.computeIfAbsent(client, c -> new TokenBucket(failures, now)).take(now);
  }

  /** Forgets the clients whose buckets are full again, so memory follows the active clients only. */
  public void sweep() {
    long now = nanoClock.getAsLong();
    failureBuckets.values().removeIf(bucket -> bucket.isFull(now));
    requestBuckets.values().removeIf(bucket -> bucket.isFull(now));
  }

  int trackedClients() {
    return Math.max(failureBuckets.size(), requestBuckets.size());
  }
}
