package dev.lifecycle.edge.forge;

import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.ProfileLayer;
import dev.lifecycle.edge.bundle.ProfileRef;
import java.util.ArrayList;
import java.util.List;

/**
 * What profile versions name directly: each layer's image, its extraImages, and its chart (whose rendered
 * manifests name more images, found later by rendering it).
 */
public record ProfileNeeds(List<ProfileRef> profiles, List<ImageNeed> images, List<ChartNeed> charts) {

  /** The label that carries a profile's name across its versions (ClusterProfile objects are name-version). */
  public static final String PROFILE_LABEL = "edge.lifecycle.dev/profile";

  public ProfileNeeds {
    profiles = List.copyOf(profiles);
    images = List.copyOf(images);
    charts = List.copyOf(charts);
  }

  /** @throws IllegalArgumentException naming a profile without spec, version or layers */
  public static ProfileNeeds of(List<ClusterProfile> clusterProfiles) {
    if (clusterProfiles.isEmpty()) {
      throw new IllegalArgumentException("no profile to build a bundle for");
    }
    List<ProfileRef> profiles = new ArrayList<>();
    List<ImageNeed> images = new ArrayList<>();
    List<ChartNeed> charts = new ArrayList<>();
    for (ClusterProfile profile : clusterProfiles) {
      String objectName = profile.getMetadata() == null ? null : profile.getMetadata().getName();
      if (profile.getSpec() == null || profile.getSpec().getVersion() == null || profile.getSpec().getLayers() == null
          || profile.getSpec().getLayers().isEmpty()) {
        throw new IllegalArgumentException("ClusterProfile " + objectName + " has no spec.version or no layers");
      }
      String name = profileName(profile);
      String version = profile.getSpec().getVersion();
      profiles.add(new ProfileRef(name, version));
      for (ProfileLayer layer : profile.getSpec().getLayers()) {
        LayerRef where = new LayerRef(name, version, layer.getName());
        if (layer.getImage() != null && !layer.getImage().isBlank()) {
          images.add(new ImageNeed(layer.getImage(), where.toString()));
        }
        if (layer.getChart() != null) {
          charts.add(new ChartNeed(layer.getChart().getRepository(), layer.getChart().getName(), layer.getVersion(),
              layer.getValues(), where));
        }
        for (String extra : layer.getExtraImages()) {
          images.add(new ImageNeed(extra, "extraImages of " + where));
        }
      }
    }
    return new ProfileNeeds(profiles, images, charts);
  }

  /** The profile label's value, else the object's name. */
  static String profileName(ClusterProfile profile) {
    var metadata = profile.getMetadata();
    if (metadata == null) {
      return "(unnamed)";
    }
    String label = metadata.getLabels() == null ? null : metadata.getLabels().get(PROFILE_LABEL);
    return label != null && !label.isBlank() ? label : metadata.getName();
  }
}
