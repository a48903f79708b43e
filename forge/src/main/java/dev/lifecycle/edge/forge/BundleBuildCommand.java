package dev.lifecycle.edge.forge;

import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.bundle.BuiltBundle;
import dev.lifecycle.edge.bundle.SiteInventory;
import dev.lifecycle.edge.bundle.sign.SigningKey;
import dev.lifecycle.edge.oci.CredentialSource;
import dev.lifecycle.edge.oci.DockerConfigCredentials;
import dev.lifecycle.edge.oci.Platform;
import dev.lifecycle.edge.oci.RegistryClient;
import dev.lifecycle.edge.oci.RegistryException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code bundle build}: see {@link BundleBuild}. */
@Command(name = "build", mixinStandardHelpOptions = true,
    description = "Build a signed content bundle holding every image and Helm chart the named ClusterProfile "
        + "versions need, the images their chart layers' rendered manifests name included. Fails, writing nothing, "
        + "naming each missing reference and the layer that needs it (the closure check).")
public final class BundleBuildCommand implements Callable<Integer> {

  @Option(names = "--namespace", paramLabel = "NS",
      description = "Namespace of the ClusterProfiles in the cluster of the current kubeconfig context; charts are "
          + "rendered for it too (default: default).")
  private String namespace;

  @Option(names = "--profile", split = ",", paramLabel = "NAME",
      description = "ClusterProfile objects (metadata.name, such as store-edge-1.1.0), comma-separated. Read from "
          + "the cluster, or from --profile-file when given (then optional: every ClusterProfile of the files).")
  private List<String> profiles = new ArrayList<>();

  @Option(names = "--profile-file", paramLabel = "FILE.yaml",
      description = "Read ClusterProfiles from this YAML file (several documents or a List) instead of a cluster; "
          + "repeatable.")
  private List<Path> profileFiles = new ArrayList<>();

  @Option(names = "--platform", split = ",", required = true, paramLabel = "OS/ARCH",
      description = "Platforms to bundle each image for, such as linux/amd64,linux/arm64: multi-arch images are "
          + "narrowed to them; an image without one of them fails the build.")
  private List<String> platforms = new ArrayList<>();

  @Option(names = "--registry-config", paramLabel = "FILE",
      description = "Registry credentials in a Docker config file (auths.<host>.auth). Default: "
          + "$DOCKER_CONFIG/config.json or ~/.docker/config.json when it exists.")
  private Path registryConfig;

  @Option(names = "--ca-file", paramLabel = "PEM",
      description = "CA certificates (PEM) to trust for registries besides the JDK's; repeatable.")
  private List<Path> caFiles = new ArrayList<>();

  @Option(names = "--plain-http", split = ",", paramLabel = "HOST[:PORT]",
      description = "Registries to reach over plain HTTP, without TLS (a lab registry on loopback); never use it "
          + "for a registry across a network.")
  private List<String> plainHttp = new ArrayList<>();

  @Option(names = "--inventory", paramLabel = "SITE-INVENTORY.json",
      description = "A site's inventory (docs/bundles.md): build a delta bundle leaving out every blob it holds.")
  private Path inventory;

  @Option(names = "--sign-key", required = true, paramLabel = "KEY.pem",
      description = "Signing key: a PEM PRIVATE KEY block with its PUBLIC KEY block (Ed25519 or EC P-256).")
  private Path signKey;

  @Option(names = "--out", required = true, paramLabel = "BUNDLE.tar.zst",
      description = "Where to write the bundle; must not exist.")
  private Path out;

  @Spec
  private CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    List<Platform> wanted = parsePlatforms();
    if (profileFiles.isEmpty() && profiles.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "name the profiles: --profile NAME[,NAME...] "
          + "(from the cluster) or --profile-file FILE.yaml");
    }
    if (Files.exists(out)) {
      throw new ParameterException(spec.commandLine(), out + " exists; remove it or choose another --out");
    }
    SigningKey key;
    SiteInventory base;
    RegistryClient client;
    try {
      key = SigningKey.read(signKey);
      base = inventory == null ? null : SiteInventory.read(inventory);
      client = registryClient();
    } catch (IOException | IllegalArgumentException e) {
      err.println("bundle build: " + e.getMessage());
      return 2;
    }
    String renderNamespace = namespace == null ? "default" : namespace;
    List<ClusterProfile> chosen;
    try {
      chosen = profileFiles.isEmpty() ? fromCluster(renderNamespace) : ProfileSource.fromFiles(profileFiles, profiles);
    } catch (IllegalArgumentException | IllegalStateException e) {
      err.println("bundle build: " + e.getMessage());
      return 2;
    }
    ProfileNeeds needs;
    try {
      needs = ProfileNeeds.of(chosen);
    } catch (IllegalArgumentException e) {
      err.println("bundle build: " + e.getMessage());
      return 2;
    }
    long started = System.nanoTime();
    try {
      BuiltBundle built = new BundleBuild(client, new HelmRenderer(), line -> {
        err.println(line);
        err.flush();
      }).build(needs, wanted, renderNamespace, base, key, out);
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      stdout.println(BundleSummary.built(built, took));
      return 0;
    } catch (IncompleteContentException e) {
      err.println("bundle build: " + e.getMessage());
      return 1;
    } catch (IOException | RegistryException | IllegalArgumentException e) {
      // a blob that changed or vanished while streaming, a full disk: the writer left nothing at --out
      err.println("bundle build: failed, nothing was written: " + e.getMessage());
      return 1;
    }
  }

  private List<Platform> parsePlatforms() {
    List<Platform> parsed = new ArrayList<>();
    for (String text : platforms) {
      try {
        parsed.add(Platform.parse(text.strip()));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--platform: " + e.getMessage());
      }
    }
    return parsed;
  }

  private List<ClusterProfile> fromCluster(String ns) {
    if (profiles.isEmpty()) {
      throw new IllegalArgumentException("name the profiles to read from the cluster: --profile NAME[,NAME...]");
    }
    Config config = Config.autoConfigure(null);
    try (KubernetesClient kubernetes = new KubernetesClientBuilder().withConfig(config).build()) {
      return ProfileSource.fromCluster(kubernetes, ns, profiles);
    }
  }

  private RegistryClient registryClient() {
    Path config = registryConfig != null ? registryConfig : DockerConfigCredentials.defaultLocation(System.getenv());
    if (registryConfig != null && !Files.isRegularFile(registryConfig)) {
      throw new IllegalArgumentException("--registry-config " + registryConfig + " does not exist");
    }
    for (Path ca : caFiles) {
      if (!Files.isRegularFile(ca)) {
        throw new IllegalArgumentException("--ca-file " + ca + " does not exist");
      }
    }
    CredentialSource credentials = DockerConfigCredentials.load(config);
    RegistryClient.Builder builder = RegistryClient.builder().credentials(credentials).caCertificates(caFiles);
    plainHttp.forEach(builder::plainHttp);
    return builder.build();
  }
}
