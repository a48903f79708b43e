package dev.lifecycle.edge.operator.gateway;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the gateway serves: where, with which TLS certificate (or none, for the demo and tests), how
 * often a host's heartbeat may be written, and the per-client limits.
 *
 * @param host the address to bind, such as 0.0.0.0
 * @param port the port (0: any free port, for tests)
 * @param tls the PEM certificate and key; empty serves plain HTTP (only with --insecure)
 * @param heartbeatWrite a host's {@code lastSeen} is written at most this often in steady state, and no more
 *     often by the replica that judges hosts, which hears the rest in memory ({@code --last-seen-interval})
 * @param failures per-client budget of refused requests (a host's own, or an address's)
 * @param requests per-address budget of the requests that prove no host: registrations, and requests with a
 *     missing or invalid credential
 * @param hostRequests per-host budget of the requests that carry the host's current credential; these never
 *     spend their address's budget, so any number of hosts may share one address (a site's NAT, a proxy)
 * @param bodyLimit largest request body, in bytes
 * @param workers threads for the blocking Kubernetes writes
 * @param reads how long a client may take to send a request
 */
public record GatewayConfig(String host, int port, Optional<Tls> tls, Duration heartbeatWrite, RateLimit failures,
    RateLimit requests, RateLimit hostRequests, int bodyLimit, int workers, ReadTimeouts reads) {

  public static final int DEFAULT_PORT = 9443;
  public static final int BODY_LIMIT = 64 * 1024;
  /** As the kubelet's Node status beside its Lease: liveness is heard in memory, the record refreshed seldom. */
  public static final Duration DEFAULT_HEARTBEAT_WRITE = Duration.ofMinutes(5);
  /** Ten refused requests at once, then one a second. */
  public static final RateLimit DEFAULT_FAILURES = new RateLimit(10, 1);
  /**
   * Per address, unproven requests: registrations of a site powering on behind one NAT at 50 a second
   * (10,000 hosts in under 4 minutes), a cap for a flood of guesses.
   */
  public static final RateLimit DEFAULT_REQUESTS = new RateLimit(200, 50);
  /**
   * Per host: an agent sends about one request in 15 s (a 30 s long poll and a 30 s heartbeat), a few a
   * second while it applies a plan; 10 a second with a burst of 100 is far above that, and caps one
   * leaked credential.
   */
  public static final RateLimit DEFAULT_HOST_REQUESTS = new RateLimit(100, 10);
  /** An agent's request is a few hundred bytes of headers and at most a few KiB of JSON. */
  public static final ReadTimeouts DEFAULT_READS = new ReadTimeouts(Duration.ofSeconds(15), Duration.ofSeconds(30));

  /** PEM files: the certificate (chain) and its private key (PKCS#8 or PKCS#1). */
  public record Tls(Path certificate, Path key) {
    public Tls {
      Objects.requireNonNull(certificate, "certificate");
      Objects.requireNonNull(key, "key");
    }
  }

  /**
   * A token bucket.
   *
   * @param burst tokens at most (and at first)
   * @param perSecond tokens added a second
   */
  public record RateLimit(int burst, double perSecond) {
    public RateLimit {
      if (burst < 1 || !(perSecond > 0)) {
        throw new IllegalArgumentException("a rate limit needs a burst of at least 1 and a positive rate");
      }
    }
  }

  /**
   * Deadlines on reading a request, whatever the client's pace (an idle timeout restarts with every byte).
   *
   * @param headers the request line and headers must be complete this long after the connection opened or
   *     the previous answer was sent (so it is also how long a kept-alive connection may stay idle)
   * @param body the body must be complete this long after the headers
   */
  public record ReadTimeouts(Duration headers, Duration body) {
    public ReadTimeouts {
      Objects.requireNonNull(headers, "headers");
      Objects.requireNonNull(body, "body");
      if (headers.toMillis() < 1 || body.toMillis() < 1) {
        throw new IllegalArgumentException("the read timeouts must be at least a millisecond");
      }
    }
  }

  public GatewayConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(heartbeatWrite, "heartbeatWrite");
    Objects.requireNonNull(failures, "failures");
    Objects.requireNonNull(requests, "requests");
    Objects.requireNonNull(hostRequests, "hostRequests");
    Objects.requireNonNull(reads, "reads");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("the gateway port must be within 0..65535, not " + port);
    }
    if (bodyLimit < 1 || workers < 1) {
      throw new IllegalArgumentException("the body limit and the worker count must be positive");
    }
  }

  /** TLS from PEM files on the given port, every other setting by default. */
  public static GatewayConfig tls(int port, Path certificate, Path key) {
    return new GatewayConfig("0.0.0.0", port, Optional.of(new Tls(certificate, key)), DEFAULT_HEARTBEAT_WRITE,
        DEFAULT_FAILURES, DEFAULT_REQUESTS, DEFAULT_HOST_REQUESTS, BODY_LIMIT, 32, DEFAULT_READS);
  }

  /** Plain HTTP on the given port: for the demo and tests only. */
  public static GatewayConfig insecure(int port) {
    return new GatewayConfig("0.0.0.0", port, Optional.empty(), DEFAULT_HEARTBEAT_WRITE, DEFAULT_FAILURES,
        DEFAULT_REQUESTS, DEFAULT_HOST_REQUESTS, BODY_LIMIT, 32, DEFAULT_READS);
  }

  public boolean insecure() {
    return tls.isEmpty();
  }

  public GatewayConfig withHost(String bindHost) {
    return new GatewayConfig(bindHost, port, tls, heartbeatWrite, failures, requests, hostRequests,
        bodyLimit, workers, reads);
  }

  public GatewayConfig withHeartbeatWrite(Duration interval) {
    return new GatewayConfig(host, port, tls, interval, failures, requests, hostRequests,
        bodyLimit, workers, reads);
  }

  public GatewayConfig withFailures(RateLimit limit) {
    return new GatewayConfig(host, port, tls, heartbeatWrite, limit, requests, hostRequests,
        bodyLimit, workers, reads);
  }

  /** The per-address budget of requests that prove no host. */
  public GatewayConfig withRequests(RateLimit limit) {
    return new GatewayConfig(host, port, tls, heartbeatWrite, failures, limit, hostRequests, bodyLimit, workers,
        reads);
  }

  /** The per-host budget of requests that carry the host's current credential. */
  public GatewayConfig withHostRequests(RateLimit limit) {
    return new GatewayConfig(host, port, tls, heartbeatWrite, failures, requests, limit, bodyLimit, workers, reads);
  }

  public GatewayConfig withWorkers(int threads) {
    return new GatewayConfig(host, port, tls, heartbeatWrite, failures, requests, hostRequests,
        bodyLimit, threads, reads);
  }

  public GatewayConfig withReadTimeouts(Duration headers, Duration body) {
    return new GatewayConfig(host, port, tls, heartbeatWrite, failures, requests, hostRequests, bodyLimit, workers,
        new ReadTimeouts(headers, body));
  }
}
