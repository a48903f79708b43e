package dev.lifecycle.edge.forge;

import dev.lifecycle.edge.bundle.BundlePlan;
import dev.lifecycle.edge.bundle.ChartPlan;
import dev.lifecycle.edge.bundle.Descriptor;
import dev.lifecycle.edge.bundle.ImagePlan;
import dev.lifecycle.edge.bundle.InlineManifest;
import dev.lifecycle.edge.bundle.ProfileRef;
import dev.lifecycle.edge.oci.ImageIndex;
import dev.lifecycle.edge.oci.ManifestContent;
import dev.lifecycle.edge.oci.ResolvedImage;
import java.util.List;

/**
 * Turns what the registries resolved into a bundle plan, without I/O: for an image index, the registry's index
 * (so the image keeps its digest) with the manifests of the platforms kept; for a single manifest, it alone;
 * for a chart, its manifest, config and chart layer. Each image under its bundle name.
 */
public final class PlanAssembly {

  /** An image or chart resolved, and the reference the bundle names it by. */
  public record Named(String reference, ResolvedImage resolved) {
  }

  private PlanAssembly() {
  }

  public static BundlePlan plan(List<ProfileRef> profiles, List<Named> images, List<Named> charts) {
    List<ImagePlan> imagePlans = images.stream().map(PlanAssembly::image).toList();
    List<ChartPlan> chartPlans = charts.stream()
        .map(chart -> new ChartPlan(chart.reference(), inline(chart.resolved().top()), blobs(chart.resolved())))
        .toList();
    return new BundlePlan(profiles, imagePlans, chartPlans);
  }

  static ImagePlan image(Named named) {
    ResolvedImage resolved = named.resolved();
    if (!(resolved.top() instanceof ImageIndex)) {
      return ImagePlan.single(named.reference(), inline(resolved.top()), blobs(resolved));
    }
    List<String> platforms = resolved.manifests().stream()
        .map(entry -> entry.platform() == null ? null : entry.platform().toString())
        .toList();
    if (platforms.contains(null)) {
      throw new IllegalArgumentException("image " + named.reference() + ": its index names a manifest without a platform");
    }
    List<InlineManifest> children = resolved.manifests().stream().map(entry -> inline(entry.manifest())).toList();
    return new ImagePlan(named.reference(), platforms.stream().distinct().toList(), inline(resolved.top()), children,
        blobs(resolved));
  }

  private static InlineManifest inline(ManifestContent content) {
    return new InlineManifest(content.descriptor().mediaType(), content.raw());
  }

  private static List<Descriptor> blobs(ResolvedImage resolved) {
    return resolved.blobs().stream()
        .map(blob -> new Descriptor(blob.mediaType(), blob.digest().toString(), blob.size()))
        .toList();
  }
}
