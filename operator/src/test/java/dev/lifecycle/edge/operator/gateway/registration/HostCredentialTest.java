package dev.lifecycle.edge.operator.gateway.registration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.RegistrationRecord;
import dev.lifecycle.edge.operator.security.Hashes;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostCredentialTest {

  private static final SecureRandom RANDOM = new SecureRandom();

  @Test
  @DisplayName("When a credential is issued, then it parses back to its host and its hash is a SHA-256, not the secret")
  void issuedCredentialNamesItsHost() {
    String credential = HostCredential.issue("store-0042", "store-0042-a", RANDOM);

    assertThat(credential).startsWith("ehc1.");
    assertThat(HostCredential.parse(credential)).contains(new HostCredential("store-0042", "store-0042-a"));
    String hash = HostCredential.hash(credential);
    assertThat(hash).startsWith(Hashes.PREFIX).hasSize(Hashes.PREFIX.length() + 64);
    assertThat(hash).doesNotContain(credential.substring(credential.lastIndexOf('.') + 1));
    assertThat(Hashes.matches(credential, hash)).isTrue();
  }

  @Test
  @DisplayName("When a credential is presented for a host, then it proves the host only when it is that host's "
      + "current one and names that very host")
  void provesOnlyItsOwnHostsCurrentCredential() {
    String current = HostCredential.issue("ns", "a", RANDOM);
    String replaced = HostCredential.issue("ns", "a", RANDOM);
    EdgeHost host = registered("ns", "a", HostCredential.hash(current));
    EdgeHost sameHashElsewhere = registered("ns", "b", HostCredential.hash(current));

    assertThat(HostCredential.proves(current, Optional.of(host))).isTrue();
    assertThat(HostCredential.proves(replaced, Optional.of(host))).isFalse();
    assertThat(HostCredential.proves(current, Optional.of(sameHashElsewhere))).isFalse();
    assertThat(HostCredential.proves(current, Optional.empty())).isFalse();
    assertThat(HostCredential.proves(current, Optional.of(registered("ns", "a", null)))).isFalse();
    assertThat(HostCredential.proves("not a credential", Optional.of(host))).isFalse();
  }

  @Test
  @DisplayName("When a registration carries its own secret, then the credential made with it names the host, ends with "
      + "the secret, and is recognised as made with it only while it is the host's current one")
  void credentialMadeWithARegistrationsSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    String credential = HostCredential.of("ns", "a", secret);
    EdgeHost host = registered("ns", "a", HostCredential.hash(credential));

    assertThat(HostCredential.isSecret(secret)).isTrue();
    assertThat(HostCredential.parse(credential)).contains(new HostCredential("ns", "a"));
    assertThat(credential).endsWith("." + secret);
    assertThat(HostCredential.madeWith(Optional.of(secret), host)).isTrue();
    assertThat(HostCredential.madeWith(Optional.empty(), host)).isFalse();
    assertThat(HostCredential.madeWith(Optional.of(secret),
        registered("ns", "a", HostCredential.hash(HostCredential.issue("ns", "a", RANDOM))))).isFalse();
    assertThat(HostCredential.madeWith(Optional.of(secret), registered("ns", "b", HostCredential.hash(credential))))
        .isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "short", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+",
      "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA."})
  @DisplayName("When a registration's secret is not 32 bytes of base64url without padding, then it is no secret")
  void malformedSecrets(String text) {
    assertThat(HostCredential.isSecret(text)).isFalse();
  }

  private static EdgeHost registered(String namespace, String name, String credentialHash) {
    EdgeHost host = new EdgeHost();
    host.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    RegistrationRecord registration = new RegistrationRecord();
    registration.setCredentialHash(credentialHash);
    EdgeHostStatus status = new EdgeHostStatus();
    status.setRegistration(registration);
    host.setStatus(status);
    return host;
  }

  @Test
  @DisplayName("When two credentials are issued for one host, then they differ and neither matches the other's hash")
  void everyCredentialIsNew() {
    String first = HostCredential.issue("ns", "a", RANDOM);
    String second = HostCredential.issue("ns", "a", RANDOM);

    assertThat(first).isNotEqualTo(second);
    assertThat(Hashes.matches(first, HostCredential.hash(second))).isFalse();
  }

  @Test
  @DisplayName("When the host part of a credential is swapped for another host, then it no longer matches its hash")
  void hostPartIsBoundIntoTheHash() {
    String credentialOfA = HostCredential.issue("ns", "a", RANDOM);
    String secretOfA = credentialOfA.substring(credentialOfA.lastIndexOf('.') + 1);
    String forgedForB = "ehc1." + encode("ns/b") + "." + secretOfA;

    assertThat(HostCredential.parse(forgedForB)).contains(new HostCredential("ns", "b"));
    assertThat(Hashes.matches(forgedForB, HostCredential.hash(credentialOfA))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "ehc1", "ehc1..", "ehc2.bnMvYQ.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      "ehc1.bnMvYQ.c2hvcnQ", "ehc1.bnMvYQ.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.extra",
      "ehc1.bnM.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "ehc1.TlMvYQ.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      "ehc1.bnMvYQ==.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "ehc1.bnMvYQ.AAAA+AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      "ehc1.bnMvLi4.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
  @DisplayName("When a credential is malformed (prefix, parts, encoding, secret length, names), then it does not parse")
  void malformedCredentialsDoNotParse(String credential) {
    assertThat(HostCredential.parse(credential)).isEmpty();
  }

  @Test
  @DisplayName("When a well-formed credential names a valid host, then parsing accepts exactly a 32-byte secret")
  void wellFormedReferenceParses() {
    String valid = "ehc1." + encode("ns/a") + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);
    assertThat(HostCredential.parse(valid)).contains(new HostCredential("ns", "a"));
    assertThat(HostCredential.parse(valid + "AA")).isEmpty();
  }

  private static String encode(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
