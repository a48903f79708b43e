package dev.lifecycle.edge.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SiteInventoryTest {

  private static final String A = "sha256:" + "a".repeat(64);
  private static final String B = "sha256:" + "b".repeat(64);

  @Test
  @DisplayName("The inventory's digest depends on the digests it holds, not on their order or the file's layout; it "
      + "is sha256 of the sorted digests, one a line")
  void canonicalDigest() {
    SiteInventory one = SiteInventory.of(List.of(B, A, A));
    SiteInventory other = SiteInventory.parse(("{\"digests\":[\"" + A + "\",\"" + B + "\"],"
        + "\"formatVersion\":1,\"format\":\"edge.lifecycle.dev/site-inventory\"}").getBytes(StandardCharsets.UTF_8));

    assertThat(one.digest()).isEqualTo(other.digest())
        .isEqualTo(BundleAssembly.sha256((A + "\n" + B + "\n").getBytes(StandardCharsets.US_ASCII)));
    assertThat(SiteInventory.parse(one.toJson()).digests()).containsExactly(A, B);
  }

  @Test
  @DisplayName("A file that is not an inventory, or holds a malformed digest, is refused with the reason")
  void refused() {
    assertThatThrownBy(() -> SiteInventory.parse("{\"digests\":[]}".getBytes()))
        .hasMessageContaining("\"format\" is not edge.lifecycle.dev/site-inventory");
    assertThatThrownBy(() -> SiteInventory.parse(("{\"format\":\"edge.lifecycle.dev/site-inventory\","
        + "\"formatVersion\":1,\"digests\":[\"sha256:XYZ\"]}").getBytes()))
        .hasMessageContaining("sha256:XYZ");
    assertThatThrownBy(() -> SiteInventory.parse(("{\"format\":\"edge.lifecycle.dev/site-inventory\","
        + "\"formatVersion\":2,\"digests\":[]}").getBytes()))
        .hasMessageContaining("version 2");
  }
}
