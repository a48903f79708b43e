package dev.lifecycle.edge.operator.events;

import dev.lifecycle.edge.operator.security.Hashes;
import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * The name of an Event, derived from what it is about: the subject's name, then a short hash of the
 * subject (kind, namespace, name, uid), the Event's type, reason and message. The same occurrence
 * again gets the same name, so it is counted on one object instead of written as a new one, as
 * Kubernetes' own event correlator and Apache Flink's operator do. Pure.
 */
public final class EventName {

  /** Longest name the API takes for an Event (a DNS subdomain). */
  static final int MAX_LENGTH = 253;
  /** 64 bits of the hash: a collision within one namespace's Events is not a practical concern. */
  private static final int HASH_DIGITS = 16;

  private EventName() {
  }

  public static String of(HasMetadata subject, String type, String reason, String message) {
    return of(subject.getKind(), subject.getMetadata().getNamespace(), subject.getMetadata().getName(),
        subject.getMetadata().getUid(), type, reason, message);
  }

  /** The same, from the parts of the subject an Event's involvedObject keeps. */
  static String of(String kind, String namespace, String name, String uid, String type, String reason,
      String message) {
    String key = String.join("\n", kind, namespace, name, String.valueOf(uid), type, reason, message);
    String hash = Hashes.sha256(key).substring(Hashes.PREFIX.length(), Hashes.PREFIX.length() + HASH_DIGITS);
    return prefix(name, MAX_LENGTH - hash.length() - 1) + "." + hash;
  }

  /** The subject's name, cut to fit and ending in a letter or digit as a DNS subdomain must. */
  private static String prefix(String name, int limit) {
    String cut = name.length() <= limit ? name : name.substring(0, limit);
    int end = cut.length();
    while (end > 0 && !Character.isLetterOrDigit(cut.charAt(end - 1))) {
      end--;
    }
    return cut.substring(0, end);
  }
}
