package dev.lifecycle.edge.forge;

import dev.lifecycle.edge.oci.ImageReference;
import dev.lifecycle.edge.oci.InvalidReferenceException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One image to bundle, however many layers and manifests name it: {@code nginx} and
 * {@code docker.io/library/nginx:latest} are one image. A text that is no image reference is kept, to be
 * reported by the closure check with every place that names it.
 *
 * @param reference the normalised reference (the bundle's name for it), or the text as written when invalid
 * @param parsed    null when the text is not an image reference
 * @param invalid   why it is not, or null
 * @param neededBy  every reason it is needed, in the order found
 */
public record WantedImage(String reference, ImageReference parsed, String invalid, List<String> neededBy) {

  /** Groups needs by normalised reference, in the order of first mention. */
  public static List<WantedImage> group(List<ImageNeed> needs) {
    Map<String, WantedImage> byReference = new LinkedHashMap<>();
    for (ImageNeed need : needs) {
      ImageReference parsed = null;
      String invalid = null;
      try {
        parsed = ImageReference.parse(need.image());
      } catch (InvalidReferenceException e) {
        invalid = "not an image reference: " + e.problem();
      }
      String key = parsed != null ? parsed.toString() : need.image();
      WantedImage wanted = byReference.computeIfAbsent(key,
          k -> new WantedImage(k, null, null, new ArrayList<>()));
      List<String> reasons = new ArrayList<>(wanted.neededBy());
      if (!reasons.contains(need.neededBy())) {
        reasons.add(need.neededBy());
      }
      byReference.put(key, new WantedImage(key, parsed, invalid, reasons));
    }
    return List.copyOf(byReference.values());
  }

  public WantedImage {
    neededBy = List.copyOf(neededBy);
  }

  /** {@code image REF}. */
  public String subject() {
    return "image " + reference;
  }
}
