package dev.lifecycle.edge.operator.host;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * One pending wake-up per key, kept in slots of {@code tick} milliseconds: setting a key's wake-up again moves it
 * (never a second entry), cancelling removes it, and {@link #due} takes every key whose slot has passed. Memory
 * is one entry per key that has a wake-up, whatever the number of times it was set: the timer of
 * java-operator-sdk keeps each cancelled task queued until the time it was set for, so a host reconciled on every
 * heartbeat left dozens behind it. Not thread-safe: {@link HostWakeUps} guards it.
 *
 * @param <K> what is woken, such as a host's ResourceID
 */
final class WakeUpWheel<K> {

  private final long tickMillis;
  private final Map<K, Long> slotOf = new HashMap<>();
  private final NavigableMap<Long, Set<K>> slots = new TreeMap<>();

  WakeUpWheel(long tickMillis) {
    if (tickMillis < 1) {
      throw new IllegalArgumentException("the tick must be at least 1 ms, got " + tickMillis);
    }
    this.tickMillis = tickMillis;
  }

  /** Wakes the key at {@code atMillis} or in the tick after it (never before), instead of any wake-up it had. */
  void wakeAt(K key, long atMillis) {
    long slot = Math.floorDiv(atMillis + tickMillis - 1, tickMillis);
    Long previous = slotOf.put(key, slot);
    if (previous != null && previous == slot) {
      return;
    }
    if (previous != null) {
      removeFromSlot(key, previous);
    }
    slots.computeIfAbsent(slot, s -> new LinkedHashSet<>()).add(key);
  }

  /** Forgets the key's wake-up, if it had one. */
  void cancel(K key) {
    Long previous = slotOf.remove(key);
    if (previous != null) {
      removeFromSlot(key, previous);
    }
  }

  /** Removes and returns the keys due at {@code nowMillis}, earliest first. */
  List<K> due(long nowMillis) {
    List<K> due = new ArrayList<>();
    NavigableMap<Long, Set<K>> passed = slots.headMap(Math.floorDiv(nowMillis, tickMillis), true);
    for (Set<K> keys : passed.values()) {
      due.addAll(keys);
    }
    passed.clear();
    due.forEach(slotOf::remove);
    return due;
  }

  /** How many keys have a wake-up. */
  int size() {
    return slotOf.size();
  }

  private void removeFromSlot(K key, long slot) {
    Set<K> keys = slots.get(slot);
    if (keys != null && keys.remove(key) && keys.isEmpty()) {
      slots.remove(slot);
    }
  }
}
