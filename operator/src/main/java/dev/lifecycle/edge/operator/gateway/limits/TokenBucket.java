package dev.lifecycle.edge.operator.gateway.limits;

import dev.lifecycle.edge.operator.gateway.GatewayConfig;
import java.time.Duration;

/**
 * A token bucket: holds at most {@code burst} tokens, refills {@code perSecond} tokens a second. Time
 * comes in as nanoseconds from the caller, so tests move it by hand.
 */
final class TokenBucket {

  private final double capacity;
  private final double perNano;
  private double tokens;
  private long last;

  TokenBucket(GatewayConfig.RateLimit limit, long nowNanos) {
    this.capacity = limit.burst();
    this.perNano = limit.perSecond() / 1e9;
    this.tokens = capacity;
    this.last = nowNanos;
  }

  /** Takes a token if there is one. */
  synchronized boolean tryTake(long nowNanos) {
    refill(nowNanos);
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }

  /** Takes a token whether or not there is one: a debt that refilling pays back first. */
  synchronized void take(long nowNanos) {
    refill(nowNanos);
    tokens = Math.max(tokens - 1, -capacity);
  }

  synchronized boolean hasToken(long nowNanos) {
    refill(nowNanos);
    return tokens >= 1;
  }

  /** How long until a token is available (zero when one is). */
  synchronized Duration untilToken(long nowNanos) {
    refill(nowNanos);
    if (tokens >= 1) {
      return Duration.ZERO;
    }
    return Duration.ofNanos((long) Math.ceil((1 - tokens) / perNano));
  }

  /** Whether the bucket is full again: then forgetting it changes nothing. */
  synchronized boolean isFull(long nowNanos) {
    refill(nowNanos);
    return tokens >= capacity;
  }

  private void refill(long nowNanos) {
    long elapsed = Math.max(0, nowNanos - last);
    tokens = Math.min(capacity, tokens + elapsed * perNano);
    last = nowNanos;
  }
}
