package dev.lifecycle.edge.forge;

import java.util.ArrayList;
import java.util.List;

/**
 * The closure check's decision: a bundle is built only when everything the profiles need was found. Otherwise
 * every missing image or chart is reported, each with the reason it is needed and why it is missing, e.g.
 * {@code image registry.local/app/sidecar:1.2 (initContainer of Deployment web, rendered from chart
 * oci://registry.local/charts/web 1.0.0 of layer 'web' in profile store-edge 1.1.0): manifest unknown: ...}.
 */
public final class ClosureCheck<T> {

  /** What looking for one image or chart gave: {@code found}, or why it is {@code missing}. */
  public record Lookup<T>(String subject, List<String> neededBy, T found, String missing) {

    public Lookup {
      neededBy = List.copyOf(neededBy);
      if ((found == null) == (missing == null)) {
        throw new IllegalArgumentException(subject + ": a lookup is found or missing, not both or neither");
      }
    }

    public static <T> Lookup<T> found(String subject, List<String> neededBy, T value) {
      return new Lookup<>(subject, neededBy, value, null);
    }

    public static <T> Lookup<T> missing(String subject, List<String> neededBy, String reason) {
      return new Lookup<>(subject, neededBy, null, reason);
    }

    /** {@code SUBJECT (NEEDED BY; NEEDED BY): REASON}. */
    public String problem() {
      return subject + " (" + String.join("; ", neededBy) + "): " + missing;
    }
  }

  private final List<Lookup<T>> lookups = new ArrayList<>();

  public ClosureCheck<T> add(Lookup<T> lookup) {
    lookups.add(lookup);
    return this;
  }

  /** Every problem, in the order the lookups were added; empty when the content is complete. */
  public List<String> problems() {
    return lookups.stream().filter(lookup -> lookup.missing() != null).map(Lookup::problem).toList();
  }

  public boolean complete() {
    return problems().isEmpty();
  }

  /** What was found, in order. */
  public List<T> found() {
    return lookups.stream().filter(lookup -> lookup.found() != null).map(Lookup::found).toList();
  }
}
