package dev.lifecycle.edge.agent.link;

import dev.lifecycle.edge.agent.boot.GivenLinkToken;
import dev.lifecycle.edge.agent.state.StoredLink;
import dev.lifecycle.edge.wire.LinkToken;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a host managed by a site controller connects, decided from the link token it was given (if any), the
 * link it keeps in its state directory (if any) and whether it holds a credential:
 *
 * <ul>
 *   <li>no link kept: the link token makes a new one; whatever credential and finished plan the host held are
 *       another gateway's and are forgotten;
 *   <li>a link kept and no link token, or one that is not newer (it expires no later than the one that made the
 *       link, such as the spent token still in the site user-data): the kept link, with the link token's secret
 *       for registering again only when the token names the same certificate;
 *   <li>a newer link token naming the same certificate: the same controller, perhaps at a new address; the
 *       credential stays;
 *   <li>a newer link token naming another certificate: another controller; the host forgets its credential and
 *       finished plan and registers there as a new host.
 * </ul>
 *
 * A host with nothing to link with is an error ({@link NotLinkedException}) saying what to give.
 *
 * @param link the link to use and keep
 * @param registrationToken the link token whose secret registers the host, if it has one for this controller
 * @param forgetHeld whether the credential and the finished plan the host holds must be forgotten first
 * @param save whether {@link #link()} differs from the kept link
 * @param ignored why a given link token is not used, for the log
 */
public record SiteLink(StoredLink link, Optional<LinkToken> registrationToken, boolean forgetHeld, boolean save,
    Optional<String> ignored) {

  public SiteLink {
    Objects.requireNonNull(link, "link");
    Objects.requireNonNull(registrationToken, "registrationToken");
    Objects.requireNonNull(ignored, "ignored");
  }

  /** How to give a link token, for messages. */
  static final String HOW = "give the link token the site controller made for this host (valid 2 minutes): "
      + "linkToken in the site user-data (edge_site.linkToken), --link-token-file FILE or --link-token TEXT";

  /**
   * The decision.
   *
   * @param given the link token that won the merge of user-data and command line
   * @param kept the link in the state directory
   * @param holdsCredential whether the state directory holds a credential
   * @throws NotLinkedException when there is nothing to link with
   */
  public static SiteLink decide(Optional<GivenLinkToken> given, Optional<StoredLink> kept, boolean holdsCredential) {
    if (kept.isEmpty()) {
      GivenLinkToken token = given.orElseThrow(() -> new NotLinkedException("management: local, but this host is "
          + "not linked to a site controller and no link token was given: " + HOW));
      return new SiteLink(StoredLink.of(token.token()), Optional.of(token.token()), holdsCredential, true,
          Optional.empty());
    }
    StoredLink link = kept.get();
    if (given.isPresent() && given.get().token().expires() > link.expires()) {
      LinkToken newer = given.get().token();
      boolean sameController = newer.fingerprint().equals(link.fingerprint());
      return new SiteLink(StoredLink.of(newer), Optional.of(newer), !sameController && holdsCredential, true,
          Optional.empty());
    }
    Optional<LinkToken> forThisController = given.map(GivenLinkToken::token)
        .filter(token -> token.fingerprint().equals(link.fingerprint()));
    Optional<String> ignored = given.filter(token -> forThisController.isEmpty())
        .map(token -> "Ignoring the link token of " + token.source() + " (site " + token.token().site() + " at "
            + token.token().controller() + "): this host was linked later, by a newer link token, to site "
            + link.site() + " at " + link.controller());
    if (!holdsCredential && forThisController.isEmpty()) {
      throw new NotLinkedException("this host is linked to site " + link.site() + " at " + link.controller()
          + " (certificate " + link.fingerprint() + ") but holds no credential of it: its registration did not "
          + "finish, or the controller stopped accepting it. To link it again, " + HOW);
    }
    return new SiteLink(link, forThisController, false, false, ignored);
  }

  /** The controller's URL. */
  public URI controller() {
    return link.controller();
  }

  /**
   * A warning when the host is about to register with a link token that has expired by its own clock, which at
   * a site may well be wrong: the host tries anyway, and the controller's RegistrationToken decides.
   *
   * @param registersNow whether the host holds no credential, so it registers with the link token now
   */
  public Optional<String> expiryWarning(boolean registersNow, Instant now) {
    return registrationToken.filter(token -> registersNow && token.expiredAt(now)).map(token ->
        "The link token for site " + token.site() + " expired at " + token.expiresAt() + " by this host's clock "
            + "(now " + now + "). Trying anyway: the site controller decides, by its own clock; if it refuses it "
            + "(TokenExpired), get a new link token. If it accepts it, this host's clock is wrong: check its time "
            + "and NTP settings");
  }
}
