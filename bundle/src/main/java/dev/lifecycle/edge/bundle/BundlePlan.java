package dev.lifecycle.edge.bundle;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What a bundle is to hold: the profiles it covers, and the images and charts they need. */
public record BundlePlan(List<ProfileRef> profiles, List<ImagePlan> images, List<ChartPlan> charts) {

  public BundlePlan {
    profiles = List.copyOf(profiles);
    images = List.copyOf(images);
    charts = List.copyOf(charts);
    if (images.isEmpty() && charts.isEmpty()) {
      throw new IllegalArgumentException("a bundle needs at least one image or chart");
    }
    Set<String> references = new HashSet<>();
    for (ImagePlan image : images) {
      if (!references.add("image " + image.reference())) {
        throw new IllegalArgumentException("image " + image.reference() + " is planned twice");
      }
    }
    for (ChartPlan chart : charts) {
      if (!references.add("chart " + chart.reference())) {
        throw new IllegalArgumentException("chart " + chart.reference() + " is planned twice");
      }
    }
  }
}
