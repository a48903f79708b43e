package dev.lifecycle.edge.operator.gateway.registration;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A fixed set of locks shared out by key: two registrations that must not interleave (same token, same
 * machine id) always take the same lock, in bounded memory whatever the number of keys. Unrelated
 * keys share a lock now and then, which only makes them wait a little.
 */
final class StripedLocks {

  private final ReentrantLock[] stripes;

  StripedLocks(int count) {
    stripes = new ReentrantLock[count];
    for (int i = 0; i < count; i++) {
      stripes[i] = new ReentrantLock();
    }
  }

  ReentrantLock forKey(String key) {
    return stripes[Math.floorMod(key.hashCode(), stripes.length)];
  }
}
