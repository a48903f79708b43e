package dev.lifecycle.edge.site.content;

import dev.lifecycle.edge.bundle.BuiltBundle;
import dev.lifecycle.edge.bundle.BundlePlan;
import dev.lifecycle.edge.bundle.BundleWriter;
import dev.lifecycle.edge.bundle.ChartPlan;
import dev.lifecycle.edge.bundle.Descriptor;
import dev.lifecycle.edge.bundle.ImagePlan;
import dev.lifecycle.edge.bundle.InlineManifest;
import dev.lifecycle.edge.bundle.ProfileRef;
import dev.lifecycle.edge.bundle.SiteInventory;
import dev.lifecycle.edge.bundle.TestImages;
import dev.lifecycle.edge.bundle.sign.SignatureAlgorithm;
import dev.lifecycle.edge.bundle.sign.SigningKey;
import dev.lifecycle.edge.bundle.sign.TrustStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Signed bundles of synthetic images for the site's tests, made by the bundle module's writer: version 1 of a
 * "retail" profile (a single-platform image, a two-platform image index, a chart, sharing a base layer), and
 * version 2, which changes one layer of one image.
 */
public final class TestBundles {

  public static final SigningKey KEY = SigningKey.generate(SignatureAlgorithm.ED25519);
  public static final SigningKey STRANGER = SigningKey.generate(SignatureAlgorithm.ED25519);
  public static final TrustStore TRUST = TrustStore.of(KEY.publicKey());

  public static final String POS = "registry.example.com/retail/pos";
  public static final String NGINX = "docker.io/library/nginx:1.27";
  public static final String CHART = "oci://registry.example.com/charts/web:1.0.0";

  public final TestImages images = new TestImages(7);
  public final Descriptor baseLayer = images.blob(TestImages.LAYER, 30_000);
  private final Descriptor posLayer1 = images.blob(TestImages.LAYER, 12_000);
  private final Descriptor posLayer2 = images.blob(TestImages.LAYER, 9_000);
  private final ImagePlan nginx;
  private final ChartPlan chart;

  public TestBundles() {
    Descriptor amdConfig = images.blob(TestImages.CONFIG, config("amd64"));
    Descriptor armConfig = images.blob(TestImages.CONFIG, config("arm64"));
    Descriptor armLayer = images.blob(TestImages.LAYER, 5_000);
    InlineManifest amd64 = TestImages.manifest(amdConfig, List.of(baseLayer));
    InlineManifest arm64 = TestImages.manifest(armConfig, List.of(armLayer));
    Map<String, InlineManifest> platforms = new LinkedHashMap<>();
    platforms.put("linux/amd64", amd64);
    platforms.put("linux/arm64", arm64);
    nginx = new ImagePlan(NGINX, List.of("linux/amd64", "linux/arm64"), TestImages.index(platforms),
        List.of(amd64, arm64), List.of(amdConfig, baseLayer, armConfig, armLayer));
    Descriptor chartConfig = images.blob("application/vnd.cncf.helm.config.v1+json",
        "{\"name\":\"web\",\"version\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
    Descriptor chartLayer = images.blob("application/vnd.cncf.helm.chart.content.v1.tar+gzip", 3_000);
    chart = new ChartPlan(CHART, TestImages.manifest(chartConfig, List.of(chartLayer)),
        List.of(chartConfig, chartLayer));
  }

  /** retail 1.4.0: pos:1.4 (base layer and one of its own), nginx (two platforms), the web chart. */
  public ImagePlan pos14() {
    return images.image(POS + ":1.4", baseLayer, posLayer1);
  }

  /** retail 1.5.0's pos: the base layer and another layer. */
  public ImagePlan pos15() {
    return images.image(POS + ":1.5", baseLayer, posLayer2);
  }

  public BuiltBundle v1(Path target) throws IOException {
    return write(target, "1.4.0", List.of(pos14(), nginx), List.of(chart), null);
  }

  /** retail 1.5.0; a delta bundle when {@code base} is given (it then leaves out what the site holds). */
  public BuiltBundle v2(Path target, SiteInventory base) throws IOException {
    return write(target, "1.5.0", List.of(pos15(), nginx), List.of(chart), base);
  }

  public BuiltBundle write(Path target, String version, List<ImagePlan> plans, List<ChartPlan> charts,
      SiteInventory base) throws IOException {
    return new BundleWriter(KEY).write(new BundlePlan(List.of(new ProfileRef("retail", version)), plans, charts),
        images, base, target);
  }

  private static byte[] config(String arch) {
    return ("{\"architecture\":\"" + arch + "\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}")
        .getBytes(StandardCharsets.UTF_8);
  }
}
