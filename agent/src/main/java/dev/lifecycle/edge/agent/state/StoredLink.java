package dev.lifecycle.edge.agent.state;

import dev.lifecycle.edge.wire.LinkToken;
import java.net.URI;

/**
 * The site controller a host is linked to, kept in the state directory so that restarts talk to the same
 * controller with the same pinned certificate without the link token (spent and expired by then). It holds no
 * secret: the registration token's secret is not kept.
 *
 * @param controller the controller's URL
 * @param fingerprint the pinned certificate's {@code sha256:} fingerprint
 * @param site the site's name
 * @param tokenNamespace the namespace of the RegistrationToken the link token carried
 * @param tokenName its name
 * @param expires when that link token expired, in seconds since the epoch: a link token that expires later is
 *     newer than this link
 */
public record StoredLink(URI controller, String fingerprint, String site, String tokenNamespace, String tokenName,
    long expires) {

  /** The link a link token makes. */
  public static StoredLink of(LinkToken token) {
    return new StoredLink(token.controller(), token.fingerprint(), token.site(), token.namespace(), token.name(),
        token.expires());
  }
}
