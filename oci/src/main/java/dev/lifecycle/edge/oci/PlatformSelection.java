package dev.lifecycle.edge.oci;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Which manifests of an index serve the platforms asked for. Pure. */
public final class PlatformSelection {

  private PlatformSelection() {
  }

  /**
   * One index entry per wanted platform, in the order asked (an entry serving two wanted platforms, such as
   * {@code linux/arm64} and {@code linux/arm64/v8}, is returned once). An empty list asks for every entry.
   *
   * @throws MissingPlatformException naming the reference and every wanted platform the index lacks
   */
  public static List<Descriptor> select(ImageReference reference, ImageIndex index, List<Platform> wanted) {
    if (wanted.isEmpty()) {
      return index.manifests();
    }
    List<Descriptor> chosen = new ArrayList<>();
    List<Platform> missing = new ArrayList<>();
    for (Platform platform : wanted) {
      index.manifests().stream()
          .filter(entry -> entry.platform() != null && platform.matches(entry.platform()))
          .findFirst()
          .ifPresentOrElse(entry -> {
            if (!chosen.contains(entry)) {
              chosen.add(entry);
            }
          }, () -> missing.add(platform));
    }
    if (!missing.isEmpty()) {
      throw new MissingPlatformException(reference, missing, offered(index));
    }
    return chosen;
  }

  /**
   * Checks a single-platform image against the platforms asked for: it must serve each of them.
   *
   * @throws MissingPlatformException naming the platforms the image does not serve
   */
  public static void requireSingle(ImageReference reference, Platform imagePlatform, List<Platform> wanted) {
    List<Platform> missing = wanted.stream().filter(platform -> !platform.matches(imagePlatform)).toList();
    if (!missing.isEmpty()) {
      throw new MissingPlatformException(reference, missing, List.of(imagePlatform));
    }
  }

  private static List<Platform> offered(ImageIndex index) {
    return index.manifests().stream().map(Descriptor::platform).filter(Objects::nonNull).distinct().toList();
  }
}
