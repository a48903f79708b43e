package dev.lifecycle.edge.site.content;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.lifecycle.edge.bundle.Descriptor;
import dev.lifecycle.edge.bundle.ProfileRef;
import java.time.Instant;
import java.util.List;

/**
 * A bundle the store holds, as its index file records it.
 *
 * @param id           {@code sha256:} of the bundle's signed bundle.json: the same content is the same bundle, however
 *                     it was compressed or named
 * @param name         the name the uploader gave, or one made of its profiles
 * @param artifacts    every image and chart it carries, with the reference its profiles name and its top manifest
 * @param blobs        every blob it needs, sorted: those it brought and, for a delta bundle, those of its base
 * @param archiveBytes the size of the uploaded archive
 * @param contentBytes the sum of the sizes of {@code blobs}
 * @param signer       the key id that signed it
 * @param uploadedAt   when it was stored, ISO-8601 in UTC
 */
@JsonPropertyOrder({"id", "name", "profiles", "artifacts", "blobs", "delta", "archiveBytes", "contentBytes", "signer",
    "uploadedAt"})
public record BundleRecord(String id, String name, List<ProfileRef> profiles, List<Artifact> artifacts,
    List<String> blobs, boolean delta, long archiveBytes, long contentBytes, String signer, String uploadedAt) {

  public BundleRecord {
    profiles = List.copyOf(profiles);
    artifacts = List.copyOf(artifacts);
    blobs = List.copyOf(blobs);
  }

  @JsonIgnore
  public Instant uploadedInstant() {
    return Instant.parse(uploadedAt);
  }

  /** An image or a chart, by the reference its profiles name ({@code oci://} for a chart) and its top manifest. */
  @JsonPropertyOrder({"kind", "reference", "manifest"})
  public record Artifact(Kind kind, String reference, Descriptor manifest) {
  }

  public enum Kind {
    IMAGE, CHART
  }
}
