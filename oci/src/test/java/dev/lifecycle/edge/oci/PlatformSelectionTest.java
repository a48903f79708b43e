package dev.lifecycle.edge.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PlatformSelectionTest {

  private static final ImageReference REF = ImageReference.parse("registry.example/app:1");
  private static final Descriptor AMD64 = entry('1', "linux/amd64");
  private static final Descriptor ARM64 = entry('2', "linux/arm64/v8");
  private static final Descriptor ARM = entry('3', "linux/arm/v7");
  private static final Descriptor ATTESTATION = entry('4', "unknown/unknown");
  private static final ImageIndex INDEX = new ImageIndex(
      new Descriptor(MediaTypes.OCI_INDEX, Digest.sha256(new byte[] {1}), 1), new byte[] {1},
      List.of(AMD64, ARM64, ARM, ATTESTATION));

  private static Descriptor entry(char fill, String platform) {
    return new Descriptor(MediaTypes.OCI_MANIFEST, Digest.parse("sha256:" + String.valueOf(fill).repeat(64)), 100,
        Platform.parse(platform));
  }

  @Test
  @DisplayName("When amd64 and arm64 are asked of a four-entry index, then exactly their two manifests are kept, in that order")
  void narrows() {
    assertThat(PlatformSelection.select(REF, INDEX, List.of(Platform.LINUX_AMD64, Platform.LINUX_ARM64)))
        .containsExactly(AMD64, ARM64);
  }

  @Test
  @DisplayName("When arm64 is asked twice in two spellings, then its manifest is kept once")
  void onceEach() {
    assertThat(PlatformSelection.select(REF, INDEX, List.of(Platform.parse("linux/arm64"), Platform.parse("linux/arm64/v8"))))
        .containsExactly(ARM64);
  }

  @Test
  @DisplayName("When no platform is asked, then every entry is kept")
  void all() {
    assertThat(PlatformSelection.select(REF, INDEX, List.of())).hasSize(4);
  }

  @Test
  @DisplayName("When a platform the index lacks is asked, then the error names the reference, the platform and what it has")
  void missing() {
    assertThatThrownBy(() -> PlatformSelection.select(REF, INDEX, List.of(Platform.LINUX_AMD64, Platform.parse("linux/s390x"))))
        .isInstanceOf(MissingPlatformException.class)
        .hasMessage("registry.example/app:1 has no image for linux/s390x (it has: linux/amd64, linux/arm64/v8, linux/arm/v7, "
            + "unknown/unknown)");
  }

  @Test
  @DisplayName("When a single-platform image is asked for two platforms, then the one it lacks is named")
  void single() {
    PlatformSelection.requireSingle(REF, Platform.parse("linux/arm64"), List.of(Platform.parse("linux/arm64/v8")));
    assertThatThrownBy(() -> PlatformSelection.requireSingle(REF, Platform.LINUX_AMD64,
        List.of(Platform.LINUX_AMD64, Platform.LINUX_ARM64)))
        .isInstanceOf(MissingPlatformException.class)
        .hasMessage("registry.example/app:1 has no image for linux/arm64 (it has: linux/amd64)");
  }
}
