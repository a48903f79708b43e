package dev.lifecycle.edge.forge;

import dev.lifecycle.edge.bundle.BuiltBundle;
import dev.lifecycle.edge.bundle.BundlePlan;
import dev.lifecycle.edge.bundle.BundleWriter;
import dev.lifecycle.edge.bundle.SiteInventory;
import dev.lifecycle.edge.bundle.sign.SigningKey;
import dev.lifecycle.edge.oci.ChartReference;
import dev.lifecycle.edge.oci.Descriptor;
import dev.lifecycle.edge.oci.Digest;
import dev.lifecycle.edge.oci.ImageReference;
import dev.lifecycle.edge.oci.Platform;
import dev.lifecycle.edge.oci.RegistryClient;
import dev.lifecycle.edge.oci.RegistryException;
import dev.lifecycle.edge.oci.ResolvedImage;
import java.io.IOException;
import org.apache.commons.io.file.PathUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Builds a content bundle for profile versions: pulls each chart layer's chart and renders it with the layer's
 * values, collects every image the layers and the rendered manifests name (and the layers' extraImages),
 * resolves each for the platforms asked for, and only when nothing is missing (the closure check) streams every
 * blob from its registry into the signed archive. A failed build leaves nothing at the target.
 */
public final class BundleBuild {

  private final RegistryClient client;
  private final ChartRenderer renderer;
  private final Consumer<String> progress;

  public BundleBuild(RegistryClient client, ChartRenderer renderer, Consumer<String> progress) {
    this.client = client;
    this.renderer = renderer;
    this.progress = progress;
  }

  /**
   * @param platforms what each image is resolved for (an index narrowed to them; a single manifest must be one)
   * @param namespace the namespace charts are rendered for
   * @param base      a site's inventory, for a delta bundle; null for a full one
   * @throws IncompleteContentException naming everything missing; nothing was written
   */
  public BuiltBundle build(ProfileNeeds needs, List<Platform> platforms, String namespace, SiteInventory base,
      SigningKey key, Path target) throws IOException, IncompleteContentException {
    if (platforms.isEmpty()) {
      throw new IllegalArgumentException("name at least one platform, such as linux/amd64");
    }
    Path work = Files.createTempDirectory("edge-forge-");
    try {
      ClosureCheck<PlanAssembly.Named> charts = new ClosureCheck<>();
      List<ImageNeed> imageNeeds = new ArrayList<>(needs.images());
      renderCharts(needs.charts(), namespace, work, charts, imageNeeds);
      ClosureCheck<PlanAssembly.Named> images = resolveImages(WantedImage.group(imageNeeds), platforms);
      List<String> problems = new ArrayList<>(charts.problems());
      problems.addAll(images.problems());
      if (!problems.isEmpty()) {
        throw new IncompleteContentException(problems);
      }
      BundlePlan plan = PlanAssembly.plan(needs.profiles(), images.found(), charts.found());
      Map<String, ImageReference> repositories = repositories(images.found(), charts.found());
      progress.accept("writing " + target + " (" + plan.images().size() + " images, " + plan.charts().size()
          + " charts)");
      return new BundleWriter(key).write(plan, blob -> client.openBlob(repositories.get(blob.digest()),
          new Descriptor(blob.mediaType(), Digest.parse(blob.digest()), blob.size())), base, target);
    } finally {
      try {
        PathUtils.deleteDirectory(work);
      } catch (IOException e) {
        // A temporary directory of charts: the build's outcome does not depend on it.
      }
    }
  }

  private void renderCharts(List<ChartNeed> chartNeeds, String namespace, Path work,
      ClosureCheck<PlanAssembly.Named> charts, List<ImageNeed> imageNeeds) throws IOException {
    Map<String, List<String>> neededBy = new LinkedHashMap<>();
    Map<String, ChartFetcher.Fetched> fetched = new HashMap<>();
    Map<String, String> failed = new HashMap<>();
    Map<String, ChartNeed> first = new HashMap<>();
    ChartFetcher fetcher = new ChartFetcher(client);
    for (ChartNeed need : chartNeeds) {
      String subject = need.describe();
      neededBy.computeIfAbsent(subject, s -> new ArrayList<>()).add(need.layer().toString());
      first.putIfAbsent(subject, need);
      if (fetched.containsKey(subject) || failed.containsKey(subject)) {
        if (fetched.containsKey(subject)) {
          render(need, fetched.get(subject), namespace, imageNeeds, failed);
        }
        continue;
      }
      if (!need.repository().startsWith("oci://")) {
        failed.put(subject, "only charts in an OCI registry (oci://) can be bundled; push the chart to one "
            + "(helm push) and name it there");
        continue;
      }
      try {
        ChartReference reference = ChartReference.parse(need.url(), need.version());
        progress.accept("pulling " + subject);
        ChartFetcher.Fetched chart = fetcher.fetch(reference, work);
        fetched.put(subject, chart);
        render(need, chart, namespace, imageNeeds, failed);
      } catch (RegistryException | IllegalArgumentException | IllegalStateException e) {
        failed.put(subject, e.getMessage());
      }
    }
    for (Map.Entry<String, List<String>> entry : neededBy.entrySet()) {
      String subject = entry.getKey();
      if (failed.containsKey(subject)) {
        charts.add(ClosureCheck.Lookup.missing(subject, entry.getValue(), failed.get(subject)));
      } else {
        ChartFetcher.Fetched chart = fetched.get(subject);
        String reference = first.get(subject).url() + ":" + first.get(subject).version();
        charts.add(ClosureCheck.Lookup.found(subject, entry.getValue(),
            new PlanAssembly.Named(reference, chart.resolved())));
      }
    }
  }

  private void render(ChartNeed need, ChartFetcher.Fetched chart, String namespace, List<ImageNeed> imageNeeds,
      Map<String, String> failed) {
    try {
      progress.accept("rendering " + need.describe() + " for " + need.layer());
      String manifests = renderer.render(chart.archive(), need.layer().layer(), namespace, need.values());
      RenderedImages.of(manifests).forEach(image -> imageNeeds.add(need.rendered(image)));
    } catch (IllegalStateException | IllegalArgumentException e) {
      failed.put(need.describe(), "Helm cannot render it with the values of " + need.layer() + ": " + e.getMessage());
    }
  }

  private ClosureCheck<PlanAssembly.Named> resolveImages(List<WantedImage> wanted, List<Platform> platforms) {
    ClosureCheck<PlanAssembly.Named> images = new ClosureCheck<>();
    for (WantedImage image : wanted) {
      if (image.parsed() == null) {
        images.add(ClosureCheck.Lookup.missing(image.subject(), image.neededBy(), image.invalid()));
        continue;
      }
      try {
        progress.accept("resolving " + image.subject());
        ResolvedImage resolved = client.resolve(image.parsed(), platforms);
        images.add(ClosureCheck.Lookup.found(image.subject(), image.neededBy(),
            new PlanAssembly.Named(image.reference(), resolved)));
      } catch (RegistryException | IllegalArgumentException e) {
        images.add(ClosureCheck.Lookup.missing(image.subject(), image.neededBy(), e.getMessage()));
      }
    }
    return images;
  }

  /** The repository each blob is pulled from: the first image or chart that names it. */
  private static Map<String, ImageReference> repositories(List<PlanAssembly.Named> images,
      List<PlanAssembly.Named> charts) {
    Map<String, ImageReference> repositories = new HashMap<>();
    Stream.concat(images.stream(), charts.stream()).forEach(named -> named.resolved().blobs()
        .forEach(blob -> repositories.putIfAbsent(blob.digest().toString(), named.resolved().reference())));
    return repositories;
  }

}
