package dev.lifecycle.edge.bundle;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lifecycle.edge.bundle.archive.ArchiveFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code bundle.json}, the signed index of a content bundle (docs/bundles.md, "bundle.json"). Its {@code files}
 * array is the part every signed archive shares: every entry after the signature, with digest and size.
 *
 * @param base null for a full bundle; for a delta bundle the inventory it was built against and the blobs it
 *             leaves out because that inventory holds them
 */
@JsonPropertyOrder({"format", "formatVersion", "profiles", "base", "images", "charts", "files"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BundleIndex(String format, int formatVersion, List<ProfileRef> profiles, Base base,
    List<ImageEntry> images, List<ChartEntry> charts, List<ArchiveFile> files) {

  static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public BundleIndex {
    profiles = profiles == null ? List.of() : List.copyOf(profiles);
    images = images == null ? List.of() : List.copyOf(images);
    charts = charts == null ? List.of() : List.copyOf(charts);
    files = files == null ? List.of() : List.copyOf(files);
  }

  /** The inventory a delta bundle needs at the site. */
  @JsonPropertyOrder({"inventory", "blobs"})
  public record Base(String inventory, List<BlobRef> blobs) {
    public Base {
      blobs = blobs == null ? List.of() : List.copyOf(blobs);
    }
  }

  /** A blob by digest and size. */
  @JsonPropertyOrder({"digest", "size"})
  public record BlobRef(String digest, long size) {
  }

  @JsonPropertyOrder({"reference", "manifest", "platforms"})
  public record ImageEntry(String reference, Descriptor manifest, List<String> platforms) {
    public ImageEntry {
      platforms = platforms == null ? List.of() : List.copyOf(platforms);
    }
  }

  @JsonPropertyOrder({"reference", "manifest"})
  public record ChartEntry(String reference, Descriptor manifest) {
  }

  @JsonIgnore
  public boolean isDelta() {
    return base != null;
  }

  /** The exact bytes that are signed. */
  public byte[] toJson() {
    try {
      return (JSON.writeValueAsString(this) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads bundle.json; throws IOException (a Jackson exception) naming what is malformed. */
  public static BundleIndex parse(byte[] json) throws IOException {
    return JSON.readValue(json, BundleIndex.class);
  }
}
