package dev.lifecycle.edge.agent.boot;

import dev.lifecycle.edge.wire.LinkToken;
import java.net.URI;
import java.time.Instant;

/** Link tokens for tests, as the site controller makes them. */
final class LinkTokens {

  static final String SECRET = "link-secret-0f9e8d7c6b5a";
  static final Instant EXPIRES = Instant.parse("2026-12-06T12:02:00Z");

  private LinkTokens() {
  }

  static LinkToken token(String name, char fingerprintDigit) {
    return new LinkToken(URI.create("https://10.0.0.5:5080"), "sha256:" + String.valueOf(fingerprintDigit).repeat(64),
        "store-0042", "site", name, SECRET + "-" + name, EXPIRES.getEpochSecond());
  }
}
