package dev.lifecycle.edge.site.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lifecycle.edge.bundle.Descriptor;
import dev.lifecycle.edge.site.content.BundleRecord;
import java.io.IOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the site registry serves, computed from the bundles held: each repository's tags, and the manifests and blobs
 * it reaches (its top manifests, the platform manifests of an index that the bundle holds, their configs and layers).
 * A repository serves only what its own images reach, as a registry scopes blobs by repository. When two bundles tag
 * the same repository differently, the bundle stored last wins.
 */
public final class RegistryCatalog {

  private static final Logger LOG = LoggerFactory.getLogger(RegistryCatalog.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Map<String, Descriptor>> tags = new TreeMap<>();
  private final Map<String, Map<String, String>> manifests = new HashMap<>();
  private final Map<String, Set<String>> blobs = new HashMap<>();

  private RegistryCatalog() {
  }

  /**
   * @param bundles   the bundles held, in the order they were stored
   * @param manifest the bytes of a manifest the store holds, by digest; empty when it does not hold it
   */
  public static RegistryCatalog of(List<BundleRecord> bundles, Function<String, Optional<byte[]>> manifest) {
    RegistryCatalog catalog = new RegistryCatalog();
    for (BundleRecord bundle : bundles) {
      for (BundleRecord.Artifact artifact : bundle.artifacts()) {
        Optional<SiteName> name = SiteName.of(artifact.reference());
        if (name.isEmpty()) {
          LOG.warn("the site registry cannot serve {} of bundle {}: not a reference an OCI client pulls",
              artifact.reference(), bundle.name());
          continue;
        }
        catalog.add(name.get(), artifact.manifest(), manifest);
      }
    }
    return catalog;
  }

  private void add(SiteName name, Descriptor top, Function<String, Optional<byte[]>> manifest) {
    Map<String, Descriptor> repositoryTags = tags.computeIfAbsent(name.repository(), repository -> new TreeMap<>());
    if (name.tag() != null) {
      repositoryTags.put(name.tag(), top);
    }
    walk(name.repository(), top.digest(), top.mediaType(), manifest, 0);
  }

  private void walk(String repository, String digest, String mediaType, Function<String, Optional<byte[]>> manifest,
      int depth) {
    manifests.computeIfAbsent(repository, r -> new HashMap<>()).put(digest, mediaType);
    Set<String> reached = blobs.computeIfAbsent(repository, r -> new TreeSet<>());
    reached.add(digest);
    Optional<byte[]> bytes = manifest.apply(digest);
    if (bytes.isEmpty() || depth > 2) {
      return;
    }
    JsonNode json;
    try {
      json = JSON.readTree(bytes.get());
    } catch (IOException e) {
      LOG.warn("the site registry cannot read manifest {} of {}: {}", digest, repository, e.getMessage());
      return;
    }
    for (JsonNode child : json.path("manifests")) {
      String childDigest = child.path("digest").asText();
      String childType = child.path("mediaType").asText(null);
      if (childType != null && manifest.apply(childDigest).isPresent()) {
        walk(repository, childDigest, childType, manifest, depth + 1);
      }
    }
    if (json.hasNonNull("config")) {
      reached.add(json.path("config").path("digest").asText());
    }
    for (JsonNode layer : json.path("layers")) {
      reached.add(layer.path("digest").asText());
    }
  }

  /** Every repository, sorted. */
  public List<String> repositories() {
    return List.copyOf(tags.keySet());
  }

  public boolean hasRepository(String repository) {
    return tags.containsKey(repository);
  }

  /** The repository's tags, sorted; empty for an unknown repository. */
  public List<String> tags(String repository) {
    return List.copyOf(tags.getOrDefault(repository, Collections.emptyMap()).keySet());
  }

  /** The top manifest a tag names. */
  public Optional<Descriptor> tag(String repository, String tag) {
    return Optional.ofNullable(tags.getOrDefault(repository, Collections.emptyMap()).get(tag));
  }

  /** The media type of a manifest the repository reaches. */
  public Optional<String> manifestType(String repository, String digest) {
    return Optional.ofNullable(manifests.getOrDefault(repository, Collections.emptyMap()).get(digest));
  }

  /** Whether the repository reaches the blob (a manifest, config or layer). */
  public boolean reaches(String repository, String digest) {
    return blobs.getOrDefault(repository, Collections.emptySet()).contains(digest);
  }
}
