package dev.lifecycle.edge.site;

import java.net.URI;
import java.util.Objects;

/**
 * How hosts and people reach this site controller, as link tokens carry it ({@code dev.lifecycle.edge.wire.LinkToken}).
 *
 * @param url its HTTPS URL, such as {@code https://10.0.0.5:5080}
 * @param fingerprint {@code sha256:} and the 64 lowercase hex digits of the SHA-256 of its certificate's DER
 *     encoding, which agents pin
 * @param siteName the site's name, shown to technicians
 * @param certificatePem its certificate (chain) as PEM
 */
public record SiteIdentity(URI url, String fingerprint, String siteName, String certificatePem) {

  public SiteIdentity {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(siteName, "siteName");
    Objects.requireNonNull(certificatePem, "certificatePem");
  }
}
