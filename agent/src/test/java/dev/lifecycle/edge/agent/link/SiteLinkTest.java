package dev.lifecycle.edge.agent.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifecycle.edge.agent.boot.GivenLinkToken;
import dev.lifecycle.edge.agent.state.StoredLink;
import dev.lifecycle.edge.wire.LinkToken;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SiteLinkTest {

  private static final String PIN_A = "sha256:" + "a".repeat(64);
  private static final String PIN_B = "sha256:" + "b".repeat(64);
  private static final Instant EXPIRES = Instant.parse("2026-12-06T12:02:00Z");

  private static LinkToken token(String name, String controller, String pin, Instant expires) {
    return new LinkToken(URI.create(controller), pin, "store-0042", "site", name, "secret-of-" + name,
        expires.getEpochSecond());
  }

  private static final LinkToken FIRST = token("link-1", "https://10.0.0.5:5080", PIN_A, EXPIRES);
  private static final StoredLink KEPT = StoredLink.of(FIRST);

  private static Optional<GivenLinkToken> given(LinkToken token) {
    return Optional.of(new GivenLinkToken(token, "the site user-data (edge_site.linkToken)"));
  }

  @Test
  @DisplayName("When a host with no link is given a link token, then it links with it and keeps the link; what it "
      + "held of another gateway is forgotten")
  void firstLink() {
    SiteLink fresh = SiteLink.decide(given(FIRST), Optional.empty(), false);
    assertThat(fresh.link()).isEqualTo(KEPT);
    assertThat(fresh.registrationToken()).contains(FIRST);
    assertThat(fresh.save()).isTrue();
    assertThat(fresh.forgetHeld()).isFalse();

    assertThat(SiteLink.decide(given(FIRST), Optional.empty(), true).forgetHeld())
        .as("a credential without a link is another gateway's").isTrue();
  }

  @Test
  @DisplayName("When a host with no link has no link token, then the error says what to give and where")
  void nothingToLinkWith() {
    assertThatThrownBy(() -> SiteLink.decide(Optional.empty(), Optional.empty(), false))
        .isInstanceOf(NotLinkedException.class)
        .hasMessage("management: local, but this host is not linked to a site controller and no link token was "
            + "given: give the link token the site controller made for this host (valid 2 minutes): linkToken in "
            + "the site user-data (edge_site.linkToken), --link-token-file FILE or --link-token TEXT");
  }

  @Test
  @DisplayName("When a linked host restarts without a link token, then it keeps its link and has no token to "
      + "register with")
  void restartWithoutToken() {
    SiteLink restart = SiteLink.decide(Optional.empty(), Optional.of(KEPT), true);

    assertThat(restart.link()).isEqualTo(KEPT);
    assertThat(restart.registrationToken()).isEmpty();
    assertThat(restart.save()).isFalse();
    assertThat(restart.forgetHeld()).isFalse();
    assertThat(restart.ignored()).isEmpty();
  }

  @Test
  @DisplayName("When a linked host restarts with the spent link token still in its site user-data, then nothing "
      + "changes and the token may register it again at the same controller")
  void restartWithSameToken() {
    SiteLink restart = SiteLink.decide(given(FIRST), Optional.of(KEPT), true);

    assertThat(restart.save()).isFalse();
    assertThat(restart.forgetHeld()).isFalse();
    assertThat(restart.registrationToken()).contains(FIRST);
  }

  @Test
  @DisplayName("When a host whose registration never finished restarts with the same link token, then it registers "
      + "with it")
  void unfinishedRegistration() {
    SiteLink again = SiteLink.decide(given(FIRST), Optional.of(KEPT), false);

    assertThat(again.registrationToken()).contains(FIRST);
    assertThat(again.expiryWarning(true, EXPIRES.minusSeconds(10))).isEmpty();
  }

  @Test
  @DisplayName("When a linked host has lost its credential and has no link token, then the error names the site and "
      + "says to link again")
  void linkedWithoutCredential() {
    assertThatThrownBy(() -> SiteLink.decide(Optional.empty(), Optional.of(KEPT), false))
        .isInstanceOf(NotLinkedException.class)
        .hasMessage("this host is linked to site store-0042 at https://10.0.0.5:5080 (certificate " + PIN_A + ") but "
            + "holds no credential of it: its registration did not finish, or the controller stopped accepting it. "
            + "To link it again, give the link token the site controller made for this host (valid 2 minutes): "
            + "linkToken in the site user-data (edge_site.linkToken), --link-token-file FILE or --link-token TEXT");
  }

  @Test
  @DisplayName("When a newer link token names the same certificate at a new address, then the host follows it and "
      + "keeps its credential")
  void sameControllerMoved() {
    LinkToken moved = token("link-2", "https://10.0.0.9:5080", PIN_A, EXPIRES.plusSeconds(3600));
    SiteLink link = SiteLink.decide(given(moved), Optional.of(KEPT), true);

    assertThat(link.controller()).isEqualTo(URI.create("https://10.0.0.9:5080"));
    assertThat(link.save()).isTrue();
    assertThat(link.forgetHeld()).isFalse();
    assertThat(link.registrationToken()).contains(moved);
  }

  @Test
  @DisplayName("When a newer link token names another certificate, then it is another controller: the host forgets "
      + "its credential and finished plan and links there")
  void anotherController() {
    LinkToken other = token("link-9", "https://10.0.0.7:5080", PIN_B, EXPIRES.plusSeconds(60));
    SiteLink link = SiteLink.decide(given(other), Optional.of(KEPT), true);

    assertThat(link.link()).isEqualTo(StoredLink.of(other));
    assertThat(link.forgetHeld()).isTrue();
    assertThat(link.save()).isTrue();
  }

  @Test
  @DisplayName("When an older link token names another controller (left in a file after the host was linked anew), "
      + "then it is ignored, saying so, and its secret goes nowhere")
  void olderTokenOfAnotherController() {
    LinkToken old = token("link-0", "https://10.0.0.7:5080", PIN_B, EXPIRES.minusSeconds(600));
    SiteLink link = SiteLink.decide(given(old), Optional.of(KEPT), true);

    assertThat(link.link()).isEqualTo(KEPT);
    assertThat(link.registrationToken()).isEmpty();
    assertThat(link.forgetHeld()).isFalse();
    assertThat(link.ignored()).contains("Ignoring the link token of the site user-data (edge_site.linkToken) (site "
        + "store-0042 at https://10.0.0.7:5080): this host was linked later, by a newer link token, to site "
        + "store-0042 at https://10.0.0.5:5080");
  }

  @Test
  @DisplayName("When the host registers with a link token that expired by its clock, then it warns that its clock "
      + "may be wrong and tries, the controller deciding; with a credential, or before expiry, it says nothing")
  void expiry() {
    SiteLink link = SiteLink.decide(given(FIRST), Optional.empty(), false);
    Instant late = EXPIRES.plusSeconds(300);

    assertThat(link.expiryWarning(true, late)).contains("The link token for site store-0042 expired at "
        + "2026-12-06T12:02:00Z by this host's clock (now 2026-12-06T12:07:00Z). Trying anyway: the site controller "
        + "decides, by its own clock; if it refuses it (TokenExpired), get a new link token. If it accepts it, this "
        + "host's clock is wrong: check its time and NTP settings");
    assertThat(link.expiryWarning(false, late)).as("not registering").isEmpty();
    assertThat(link.expiryWarning(true, EXPIRES.minusSeconds(1))).isEmpty();
  }
}
