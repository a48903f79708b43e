package dev.lifecycle.edge.site.content;

import dev.lifecycle.edge.bundle.ProfileRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What garbage collection deletes, decided without I/O: every bundle that no cluster runs and that is not kept for
 * another reason (the version before one that runs, or one waiting for its first use), and every blob that only
 * deleted bundles need. A blob that a kept bundle needs stays, whoever
 * brought it: a delta bundle needs the blobs of its base, which an older bundle brought.
 */
public final class ContentRetention {

  /** What to delete: bundles, and the blobs no kept bundle needs (sorted). */
  public record Decision(List<BundleRecord> bundles, Set<String> blobs) {
    public Decision {
      bundles = List.copyOf(bundles);
      blobs = Set.copyOf(new TreeSet<>(blobs));
    }

    public boolean isEmpty() {
      return bundles.isEmpty() && blobs.isEmpty();
    }
  }

  private ContentRetention() {
  }

  /**
   * @param bundles  every bundle the store holds
   * @param inUse    ids of the bundles clusters run (ids the store does not hold are ignored)
   * @param previous ids of the bundles kept as the version before (see {@link #previousVersions})
   */
  public static Decision decide(List<BundleRecord> bundles, Set<String> inUse, Set<String> previous) {
    List<BundleRecord> deleted = new ArrayList<>();
    Set<String> kept = new HashSet<>();
    for (BundleRecord bundle : bundles) {
      if (inUse.contains(bundle.id()) || previous.contains(bundle.id())) {
        kept.addAll(bundle.blobs());
      } else {
        deleted.add(bundle);
      }
    }
    Set<String> blobs = new TreeSet<>();
    for (BundleRecord bundle : deleted) {
      for (String blob : bundle.blobs()) {
        if (!kept.contains(blob)) {
          blobs.add(blob);
        }
      }
    }
    return new Decision(deleted, blobs);
  }

  /**
   * The version before each bundle in use: for each profile it covers, the bundle covering the highest lower version
   * of that profile (the latest uploaded of several), so that a cluster can go back one version without a new upload.
   */
  public static Set<String> previousVersions(List<BundleRecord> bundles, Set<String> inUse) {
    Set<String> previous = new TreeSet<>();
    for (BundleRecord used : bundles) {
      if (!inUse.contains(used.id())) {
        continue;
      }
      for (ProfileRef profile : used.profiles()) {
        BundleRecord best = null;
        String bestVersion = null;
        for (BundleRecord candidate : bundles) {
          for (ProfileRef other : candidate.profiles()) {
            if (!other.name().equals(profile.name()) || compareVersions(other.version(), profile.version()) >= 0) {
              continue;
            }
            int order = bestVersion == null ? 1 : compareVersions(other.version(), bestVersion);
            if (order > 0 || order == 0 && candidate.uploadedInstant().isAfter(best.uploadedInstant())) {
              best = candidate;
              bestVersion = other.version();
            }
          }
        }
        if (best != null) {
          previous.add(best.id());
        }
      }
    }
    return previous;
  }

  /**
   * The bundles waiting to be used: each covers a profile that no cluster runs, or a version of it newer than every
   * version clusters run (uploaded for an update not made yet). Garbage collection keeps them; only a deletion by hand
   * removes them.
   */
  public static Set<String> awaitingUse(List<BundleRecord> bundles, Set<String> inUse) {
    java.util.Map<String, String> newestInUse = new java.util.HashMap<>();
    for (BundleRecord used : bundles) {
      if (inUse.contains(used.id())) {
        for (ProfileRef profile : used.profiles()) {
          newestInUse.merge(profile.name(), profile.version(),
              (a, b) -> compareVersions(a, b) >= 0 ? a : b);
        }
      }
    }
    Set<String> awaiting = new TreeSet<>();
    for (BundleRecord bundle : bundles) {
      if (inUse.contains(bundle.id())) {
        continue;
      }
      for (ProfileRef profile : bundle.profiles()) {
        String running = newestInUse.get(profile.name());
        if (running == null || compareVersions(profile.version(), running) > 0) {
          awaiting.add(bundle.id());
        }
      }
    }
    return awaiting;
  }

  /** Blobs on disk that no recorded bundle needs: left by an upload or a deletion a crash interrupted. */
  public static Set<String> unreferenced(Set<String> blobsOnDisk, List<BundleRecord> bundles) {
    Set<String> orphans = new TreeSet<>(blobsOnDisk);
    bundles.forEach(bundle -> bundle.blobs().forEach(orphans::remove));
    return orphans;
  }

  /**
   * Orders versions as semver does for the usual forms ({@code 1.10.0 > 1.9.2}, {@code 1.0.0-rc.1 < 1.0.0}; build
   * metadata ignored), and any other strings part by part, numbers numerically.
   */
  static int compareVersions(String a, String b) {
    String coreA = strip(a);
    String coreB = strip(b);
    int preA = coreA.indexOf('-');
    int preB = coreB.indexOf('-');
    int order = compareParts(preA < 0 ? coreA : coreA.substring(0, preA), preB < 0 ? coreB : coreB.substring(0, preB));
    if (order != 0) {
      return order;
    }
    if (preA < 0 || preB < 0) {
      return Boolean.compare(preA < 0, preB < 0);
    }
    return compareParts(coreA.substring(preA + 1), coreB.substring(preB + 1));
  }

  private static String strip(String version) {
    String v = version.startsWith("v") ? version.substring(1) : version;
    int plus = v.indexOf('+');
    return plus < 0 ? v : v.substring(0, plus);
  }

  private static int compareParts(String a, String b) {
    String[] left = a.split("\\.");
    String[] right = b.split("\\.");
    for (int i = 0; i < Math.min(left.length, right.length); i++) {
      int order = comparePart(left[i], right[i]);
      if (order != 0) {
        return order;
      }
    }
    return Integer.compare(left.length, right.length);
  }

  private static final Comparator<String> NUMERIC = Comparator.comparingInt(String::length)
      .thenComparing(Comparator.naturalOrder());

  private static int comparePart(String a, String b) {
    boolean numberA = !a.isEmpty() && a.chars().allMatch(Character::isDigit);
    boolean numberB = !b.isEmpty() && b.chars().allMatch(Character::isDigit);
    if (numberA && numberB) {
      return NUMERIC.compare(a.replaceFirst("^0+(?=.)", ""), b.replaceFirst("^0+(?=.)", ""));
    }
    if (numberA != numberB) {
      return numberA ? -1 : 1;
    }
    return a.compareTo(b);
  }
}
