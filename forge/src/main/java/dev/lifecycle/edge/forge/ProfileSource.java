package dev.lifecycle.edge.forge;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Where a build reads ClusterProfile versions: the cluster of the kubeconfig, or YAML files. */
public final class ProfileSource {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ProfileSource() {
  }

  /**
   * The named ClusterProfile objects of a namespace, in the order named.
   *
   * @throws IllegalArgumentException naming every profile the namespace does not hold
   */
  public static List<ClusterProfile> fromCluster(KubernetesClient client, String namespace, List<String> names) {
    List<ClusterProfile> profiles = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String name : names) {
      ClusterProfile profile;
      try {
        profile = client.resources(ClusterProfile.class).inNamespace(namespace).withName(name).get();
      } catch (KubernetesClientException e) {
        throw new IllegalStateException("cannot read ClusterProfile " + namespace + "/" + name + " from "
            + client.getMasterUrl() + ": " + e.getMessage(), e);
      }
      if (profile == null) {
        missing.add(name);
      } else {
        profiles.add(profile);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("no ClusterProfile " + String.join(", ", missing) + " in namespace "
          + namespace + " of " + client.getMasterUrl());
    }
    return profiles;
  }

  /**
   * Every ClusterProfile in YAML files (several documents, or {@code kind: List}); other kinds are skipped. When
   * names are given, only those, each of which must be there.
   */
  public static List<ClusterProfile> fromFiles(List<Path> files, List<String> names) throws IOException {
    List<ClusterProfile> all = new ArrayList<>();
    for (Path file : files) {
      try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(Files.readString(file))) {
        while (documents.hasNextValue()) {
          collect(documents.nextValue(), all, file);
        }
      } catch (IOException | RuntimeException e) {
        throw new IllegalArgumentException(file + ": not ClusterProfile YAML: " + e.getMessage(), e);
      }
    }
    if (names.isEmpty()) {
      if (all.isEmpty()) {
        throw new IllegalArgumentException("no ClusterProfile in " + files);
      }
      return all;
    }
    List<ClusterProfile> chosen = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String name : names) {
      all.stream().filter(profile -> name.equals(profile.getMetadata().getName())).findFirst()
          .ifPresentOrElse(chosen::add, () -> missing.add(name));
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("no ClusterProfile " + String.join(", ", missing) + " in " + files);
    }
    return chosen;
  }

  private static void collect(JsonNode document, List<ClusterProfile> into, Path file) throws IOException {
    if (document == null || !document.isObject()) {
      return;
    }
    String kind = document.path("kind").asText("");
    if (kind.endsWith("List") && document.path("items").isArray()) {
      for (JsonNode item : document.path("items")) {
        collect(item, into, file);
      }
    } else if (kind.equals("ClusterProfile")) {
      ClusterProfile profile = YAML.treeToValue(document, ClusterProfile.class);
      if (profile.getMetadata() == null || profile.getMetadata().getName() == null) {
        throw new IllegalArgumentException(file + ": a ClusterProfile without metadata.name");
      }
      into.add(profile);
    }
  }
}
