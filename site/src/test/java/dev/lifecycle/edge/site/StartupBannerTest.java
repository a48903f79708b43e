package dev.lifecycle.edge.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StartupBannerTest {

  private static final SiteIdentity IDENTITY = new SiteIdentity(URI.create("https://10.0.0.5:5080"),
      "sha256:" + "ab".repeat(32), "store-0042", "-----BEGIN CERTIFICATE-----\n");
  private static final SiteDirectory DIRECTORY = new SiteDirectory(Path.of("/var/lib/edge-site"));

  @Test
  @DisplayName("When the site controller serves, then it prints its URL, the fingerprint to pin, and where the "
      + "initial admin password is, never the password")
  void lines() {
    assertThat(StartupBanner.lines(IDENTITY, "0.0.0.0:5080", DIRECTORY, true, 2)).containsExactly(
        "site controller 'store-0042' serving https://10.0.0.5:5080 (listening on 0.0.0.0:5080)",
        "certificate fingerprint: sha256:" + "ab".repeat(32),
        "data directory: /var/lib/edge-site",
        "initial admin password: in /var/lib/edge-site/auth/initial-admin-password (readable by its owner only)",
        "trusted keys: 2");
    assertThat(StartupBanner.lines(IDENTITY, "0.0.0.0:5080", DIRECTORY, false, 0)).contains(
        "initial admin password: none in /var/lib/edge-site/auth/initial-admin-password",
        "trusted keys: none (give --trust-key to accept bundles and definitions)");
  }
}
