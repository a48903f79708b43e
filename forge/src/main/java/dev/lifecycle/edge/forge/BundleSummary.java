package dev.lifecycle.edge.forge;

import dev.lifecycle.edge.bundle.BuiltBundle;
import dev.lifecycle.edge.bundle.BundleIndex;
import dev.lifecycle.edge.bundle.ProfileRef;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Collectors;

/** What the commands print about a bundle: its profiles, images, charts, sizes and base. */
final class BundleSummary {

  private BundleSummary() {
  }

  static String built(BuiltBundle built, Duration took) {
    return "wrote " + built.archive() + ": " + built.archiveBytes() + " bytes, " + built.blobsWritten() + " blobs ("
        + built.blobBytes() + " bytes)" + (built.index().isDelta() ? ", " + built.blobsLeftOut()
        + " left out (held by the site)" : "") + ", signed by " + built.signature().keyId() + ", in "
        + String.format(Locale.ROOT, "%.1f s", took.toMillis() / 1000.0) + "\n" + contents(built.index());
  }

  static String contents(BundleIndex index) {
    StringBuilder text = new StringBuilder();
    text.append("profiles: ").append(index.profiles().stream().map(BundleSummary::profile)
        .collect(Collectors.joining(", "))).append('\n');
    if (index.isDelta()) {
      text.append("delta: needs the site inventory ").append(index.base().inventory()).append(" (")
          .append(index.base().blobs().size()).append(" blobs the site holds)\n");
    }
    for (BundleIndex.ImageEntry image : index.images()) {
      text.append("image ").append(image.reference()).append(" ").append(image.manifest().digest())
          .append(image.platforms().isEmpty() ? "" : " [" + String.join(", ", image.platforms()) + "]").append('\n');
    }
    for (BundleIndex.ChartEntry chart : index.charts()) {
      text.append("chart ").append(chart.reference()).append(" ").append(chart.manifest().digest()).append('\n');
    }
    long bytes = index.files().stream().mapToLong(file -> file.size()).sum();
    text.append(index.files().size()).append(" files, ").append(bytes).append(" bytes");
    return text.toString();
  }

  private static String profile(ProfileRef profile) {
    return profile.name() + " " + profile.version();
  }
}
