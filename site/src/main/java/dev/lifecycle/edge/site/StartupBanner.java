package dev.lifecycle.edge.site;

import java.util.ArrayList;
import java.util.List;

/** What the site controller prints once it serves: where to reach it, what to pin, where the first password is. */
final class StartupBanner {

  private StartupBanner() {
  }

  static List<String> lines(SiteIdentity identity, String listening, SiteDirectory directory,
      boolean passwordFileExists, int trustedKeys) {
    List<String> lines = new ArrayList<>();
    lines.add("site controller '" + identity.siteName() + "' serving " + identity.url() + " (listening on "
        + listening + ")");
    lines.add("certificate fingerprint: " + identity.fingerprint());
    lines.add("data directory: " + directory);
    if (passwordFileExists) {
      lines.add("initial admin password: in " + directory.initialAdminPassword() + " (readable by its owner only)");
    } else {
      lines.add("initial admin password: none in " + directory.initialAdminPassword());
    }
    lines.add(trustedKeys == 0 ? "trusted keys: none (give --trust-key to accept bundles and definitions)"
        : "trusted keys: " + trustedKeys);
    return lines;
  }
}
