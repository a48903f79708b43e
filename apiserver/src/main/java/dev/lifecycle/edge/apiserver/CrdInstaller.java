package dev.lifecycle.edge.apiserver;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionCondition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionConditionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionStatusBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Installs the project's CRDs (the committed {@code crds/} directory, on the classpath under
 * {@code crds/}) into an API server by creating them through its API, marked as established the way
 * the real API server marks them once their names are accepted.
 */
public final class CrdInstaller {

  /** Classpath folder of the CRDs. */
  public static final String CLASSPATH_FOLDER = "crds/";

  /** The CRD files, one per kind; a test keeps this list equal to the committed directory. */
  public static final List<String> FILES = List.of(
      "clusterprofiles.edge.lifecycle.dev.yaml",
      "registrationtokens.edge.lifecycle.dev.yaml",
      "edgehosts.edge.lifecycle.dev.yaml",
      "edgeclusters.edge.lifecycle.dev.yaml",
      "imageregistries.edge.lifecycle.dev.yaml");

  private CrdInstaller() {
  }

  /** The project's CRDs, read from the classpath. */
  public static List<CustomResourceDefinition> load() {
    return FILES.stream().map(CrdInstaller::load).collect(Collectors.toList());
  }

  /** Creates every CRD of the project through the client's API; returns them as created. */
  public static List<CustomResourceDefinition> install(KubernetesClient client) {
    return load().stream()
        .map(crd -> client.apiextensions().v1().customResourceDefinitions().resource(established(crd)).create())
        .collect(Collectors.toList());
  }

  /**
   * Creates the CRDs that are missing and updates those whose spec differs from the classpath's (a store
   * that outlived an upgrade of the program); leaves the others as they are. Returns them as stored.
   */
  public static List<CustomResourceDefinition> installOrUpdate(KubernetesClient client) {
    return load().stream().map(crd -> {
      CustomResourceDefinition stored = client.apiextensions().v1().customResourceDefinitions()
          .withName(crd.getMetadata().getName()).get();
      if (stored == null) {
        return client.apiextensions().v1().customResourceDefinitions().resource(established(crd)).create();
      }
      if (Serialization.asJson(stored.getSpec()).equals(Serialization.asJson(crd.getSpec()))) {
        return stored;
      }
      CustomResourceDefinition updated = established(crd);
      updated.getMetadata().setResourceVersion(stored.getMetadata().getResourceVersion());
      return client.apiextensions().v1().customResourceDefinitions().resource(updated).update();
    }).collect(Collectors.toList());
  }

  private static CustomResourceDefinition load(String file) {
    String resource = CLASSPATH_FOLDER + file;
    try (InputStream in = CrdInstaller.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("CRD " + resource + " is not on the classpath");
      }
      return Serialization.unmarshal(in, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read CRD " + resource, e);
    }
  }

  private static CustomResourceDefinition established(CustomResourceDefinition crd) {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    List<String> stored = crd.getSpec().getVersions().stream()
        .filter(v -> Boolean.TRUE.equals(v.getStorage()))
        .map(CustomResourceDefinitionVersion::getName)
        .collect(Collectors.toList());
    crd.setStatus(new CustomResourceDefinitionStatusBuilder()
        .withAcceptedNames(crd.getSpec().getNames())
        .withConditions(condition("NamesAccepted", "NoConflicts", "no conflicts found", now),
            condition("Established", "InitialNamesAccepted", "the initial names have been accepted", now))
        .withStoredVersions(stored)
        .build());
    return crd;
  }

  private static CustomResourceDefinitionCondition condition(String type, String reason, String message, String now) {
    return new CustomResourceDefinitionConditionBuilder()
        .withType(type)
        .withStatus("True")
        .withReason(reason)
        .withMessage(message)
        .withLastTransitionTime(now)
        .build();
  }
}
