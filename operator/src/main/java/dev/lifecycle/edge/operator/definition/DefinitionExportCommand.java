package dev.lifecycle.edge.operator.definition;

import dev.lifecycle.edge.bundle.sign.SigningKey;
import dev.lifecycle.edge.operator.ApiLocation;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code definition export}: the named ClusterProfile versions of a namespace into one (signed) archive. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Write the named ClusterProfile versions of a namespace (manifests without cluster-specific "
        + "metadata or status, their variables, and an index with a sha256 per file) into one .tar.zst archive, "
        + "signed with --sign-key. Reads the cluster of the current kubeconfig context, or the in-cluster service "
        + "account, as run does.",
        "Refuses, writing nothing, a version that does not exist or is not Ready, and versions of two profiles "
            + "that both carry os or kubernetes layers."})
public final class DefinitionExportCommand implements Callable<Integer> {

  @Option(names = {"-n", "--namespace"}, required = true, paramLabel = "NS",
      description = "Namespace (project) the profiles are in.")
  private String namespace;

  @Option(names = "--profile", required = true, paramLabel = "NAME",
      description = "Name of a ClusterProfile (one version, such as retail-1.5.0); repeat for more versions.")
  private List<String> profiles = new ArrayList<>();

  @Option(names = "--sign-key", paramLabel = "KEY.pem",
      description = "Signing key (PEM: PRIVATE KEY and PUBLIC KEY blocks, as `keys generate` writes). Without "
          + "it the definition is unsigned, and its index says so.")
  private Path signKey;

  @Option(names = "--out", required = true, paramLabel = "FILE",
      description = "Archive to write, such as store-edge.definition.tar.zst (replaced if it exists).")
  private Path out;

  @Spec
  private CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    Optional<SigningKey> key;
    try {
      key = signKey == null ? Optional.empty() : Optional.of(SigningKey.read(signKey));
    } catch (IOException | IllegalArgumentException e) {
      err.println("cannot read the signing key " + signKey + ": " + e.getMessage());
      return 1;
    }
    Config config = Config.autoConfigure(null);
    Optional<String> noApi = ApiLocation.missing(config, Config.getKubeconfigFilenames(), System::getenv,
        "export from");
    if (noApi.isPresent()) {
      err.println(noApi.get());
      return 1;
    }
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      DefinitionExport.Exported exported = new DefinitionExport(client).export(namespace, profiles, key, out);
      report(exported, key);
      return 0;
    } catch (DefinitionRefusedException e) {
      err.println("definition export refused, nothing written:");
      e.reasons().forEach(reason -> err.println("  - " + reason));
      return 1;
    } catch (KubernetesClientException e) {
      err.println("cannot read the ClusterProfiles of namespace " + namespace + ": " + e.getMessage());
      return 1;
    } catch (IOException | IllegalArgumentException e) {
      err.println("cannot write " + out + ": " + e.getMessage());
      return 1;
    }
  }

  private void report(DefinitionExport.Exported exported, Optional<SigningKey> key) {
    PrintWriter out = spec.commandLine().getOut();
    out.println("Wrote " + exported.archive().path() + " (" + exported.archive().archiveBytes() + " bytes), "
        + key.map(signing -> "signed by key " + signing.keyId() + " (" + signing.algorithm().id() + ")")
        .orElse("UNSIGNED (sites accept it only when told to accept unsigned definitions)") + ":");
    DefinitionPrinting.profiles(exported.index(), out);
  }
}
