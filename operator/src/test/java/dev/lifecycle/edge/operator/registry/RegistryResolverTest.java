package dev.lifecycle.edge.operator.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.ImageRegistry;
import dev.lifecycle.edge.api.v1alpha1.ImageRegistrySpec;
import dev.lifecycle.edge.api.v1alpha1.ObjectNameReference;
import dev.lifecycle.edge.api.v1alpha1.PlanRegistries;
import dev.lifecycle.edge.api.v1alpha1.RegistryCa;
import dev.lifecycle.edge.api.v1alpha1.RegistryRule;
import dev.lifecycle.edge.api.v1alpha1.SecretKeyReference;
import dev.lifecycle.edge.operator.variables.VariableSecrets;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RegistryResolverTest {

  static final String PASSWORD = "pa55-w0rd-never-shown";
  static final String HOST = "registry.site.local:5000";

  static String caPem() {
    try (InputStream in = RegistryResolverTest.class.getResourceAsStream("/registry/ca.pem")) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static ImageRegistry registry(String credentials, RegistryCa ca, RegistryRule... rules) {
    ImageRegistry registry = new ImageRegistry();
    registry.setMetadata(new ObjectMetaBuilder().withName("site-registry").withNamespace("store-0042").build());
    ImageRegistrySpec spec = new ImageRegistrySpec();
    spec.setEndpoint("https://" + HOST);
    spec.setCredentialsSecretRef(credentials == null ? null : new ObjectNameReference(credentials));
    spec.setCa(ca);
    spec.setRules(List.of(rules));
    registry.setSpec(spec);
    return registry;
  }

  static Secret basicAuth(String name, String username, String password) {
    return new SecretBuilder().withNewMetadata().withName(name).withNamespace("store-0042")
        .withLabels(Map.of(VariableSecrets.LABEL, "true")).endMetadata()
        .withType(RegistryCredentials.BASIC_AUTH)
        .withData(password == null ? Map.of("username", b64(username)) : Map.of("username", b64(username), "password",
            b64(password)))
        .build();
  }

  static Secret dockerConfig(String name, String json) {
    return new SecretBuilder().withNewMetadata().withName(name).withNamespace("store-0042").endMetadata()
        .withType(RegistryCredentials.DOCKER_CONFIG_JSON).withData(Map.of(".dockerconfigjson", b64(json))).build();
  }

  static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static Function<String, Optional<Secret>> only(Secret... secrets) {
    return name -> java.util.Arrays.stream(secrets).filter(s -> s.getMetadata().getName().equals(name)).findFirst();
  }

  private static final RegistryRule MIRROR = new RegistryRule("docker.io/*", HOST + "/mirror/*");

  private static RegistryCa inline(String pem) {
    RegistryCa ca = new RegistryCa();
    ca.setPem(pem);
    return ca;
  }

  @Test
  @DisplayName("When the Secret holds credentials and the CA is PEM, then the plans carry the mirrors, the CA and "
      + "the Secret's name, never the credentials")
  void usable() {
    RegistryResolver.Outcome outcome = RegistryResolver.resolve(registry("creds", inline(caPem()), MIRROR),
        only(basicAuth("creds", "puller", PASSWORD)), only());

    assertThat(outcome).isInstanceOf(RegistryResolver.Usable.class);
    RegistryResolver.Usable usable = (RegistryResolver.Usable) outcome;
    assertThat(usable.credentials()).hasValueSatisfying(c -> assertThat(c.username()).isEqualTo("puller"));
    assertThat(usable.toString()).doesNotContain(PASSWORD);
    PlanRegistries plan = usable.planRegistries();
    assertThat(plan.getMirrors().get("docker.io").getEndpoint()).containsExactly("https://" + HOST);
    assertThat(plan.getMirrors().get("docker.io").getRewrite()).containsEntry("^(.*)$", "mirror/$1");
    assertThat(plan.getConfigs().get(HOST).getCaPem()).isEqualTo(caPem());
    assertThat(plan.getConfigs().get(HOST).getCredentialsSecret()).isEqualTo("creds");
    assertThat(io.fabric8.kubernetes.client.utils.Serialization.asJson(plan)).doesNotContain(PASSWORD);
  }

  @Test
  @DisplayName("When the registry has neither CA nor credentials, then the plans carry mirrors only")
  void anonymous() {
    RegistryResolver.Usable usable = (RegistryResolver.Usable) RegistryResolver.resolve(registry(null, null, MIRROR),
        only(), only());
    assertThat(usable.planRegistries().getConfigs()).isEmpty();
    assertThat(usable.credentials()).isEmpty();
  }

  @Test
  @DisplayName("When the credentials Secret is missing, or lacks the label, then the registry is refused saying which")
  void missingSecret() {
    assertThat(RegistryResolver.resolve(registry("creds", null, MIRROR), only(), only()))
        .isEqualTo(new RegistryResolver.Refused(RegistryReasons.CREDENTIALS_MISSING,
            "ImageRegistry site-registry: Secret creds does not exist in the namespace"));
    assertThat(RegistryResolver.resolve(registry("creds", null, MIRROR), only(),
        only(basicAuth("creds", "u", PASSWORD))))
        .isInstanceOfSatisfying(RegistryResolver.Refused.class, r -> assertThat(r.message())
            .contains("lacks the label " + VariableSecrets.LABEL).doesNotContain(PASSWORD));
  }

  @Test
  @DisplayName("When the credentials Secret is malformed, then the registry is refused naming what is wrong, never a "
      + "value")
  void malformedSecret() {
    Secret opaque = new SecretBuilder(basicAuth("creds", "u", PASSWORD)).withType("Opaque").build();
    List<Secret> bad = List.of(basicAuth("creds", "u", null), opaque,
        dockerConfig("creds", "{\"auths\":{\"other.example.com\":{\"auth\":\"" + b64("u:" + PASSWORD) + "\"}}}"),
        dockerConfig("creds", "{\"auths\":{\"" + HOST + "\":{\"auth\":\"" + PASSWORD + "\"}}}"),
        dockerConfig("creds", PASSWORD + "{"));
    List<String> expected = List.of("needs the keys username and password", "is of type Opaque",
        "has no auths entry for " + HOST, "neither username and password nor an auth", "is not JSON");
    for (int i = 0; i < bad.size(); i++) {
      RegistryResolver.Outcome outcome = RegistryResolver.resolve(registry("creds", null, MIRROR), only(bad.get(i)),
          only());
      assertThat(outcome).isInstanceOfSatisfying(RegistryResolver.Refused.class, r -> {
        assertThat(r.reason()).isEqualTo(RegistryReasons.CREDENTIALS_INVALID);
        assertThat(r.message()).doesNotContain(PASSWORD);
      });
      assertThat(((RegistryResolver.Refused) outcome).message()).contains(expected.get(i));
    }
  }

  @Test
  @DisplayName("When a dockerconfigjson Secret has the host as a URL, with username and password or auth, then both "
      + "are read")
  void dockerConfigJson() {
    assertThat(RegistryCredentials.read(dockerConfig("c", "{\"auths\":{\"https://" + HOST + "/v1/\":{\"username\":"
        + "\"u\",\"password\":\"" + PASSWORD + "\"}}}"), HOST)).isEqualTo(new RegistryCredentials.Found("u", PASSWORD));
    assertThat(RegistryCredentials.read(dockerConfig("c", "{\"auths\":{\"" + HOST + "\":{\"auth\":\""
        + b64("robot$x:" + PASSWORD) + "\"}}}"), HOST)).isEqualTo(new RegistryCredentials.Found("robot$x", PASSWORD));
  }

  @Test
  @DisplayName("When the CA is not PEM, cannot be read, or its Secret key is missing, then the registry is refused")
  void badCa() {
    String broken = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
    RegistryCa fromSecret = new RegistryCa();
    fromSecret.setSecretKeyRef(new SecretKeyReference("ca", "ca.crt"));
    Secret withOtherKey = new SecretBuilder(basicAuth("ca", "u", PASSWORD)).withType("Opaque").build();
    for (RegistryResolver.Outcome outcome : List.of(
        RegistryResolver.resolve(registry(null, inline("not a certificate"), MIRROR), only(), only()),
        RegistryResolver.resolve(registry(null, inline(broken), MIRROR), only(), only()),
        RegistryResolver.resolve(registry(null, fromSecret, MIRROR), only(), only()),
        RegistryResolver.resolve(registry(null, fromSecret, MIRROR), only(withOtherKey), only()))) {
      assertThat(outcome).isInstanceOfSatisfying(RegistryResolver.Refused.class,
          r -> assertThat(r.reason()).isEqualTo(RegistryReasons.CA_INVALID));
    }
    Secret ca = new SecretBuilder(withOtherKey).withData(Map.of("ca.crt", b64(caPem()))).build();
    assertThat(RegistryResolver.resolve(registry(null, fromSecret, MIRROR), only(ca), only()))
        .isInstanceOfSatisfying(RegistryResolver.Usable.class, u -> assertThat(u.caPem()).isEqualTo(caPem()));
  }

  @Test
  @DisplayName("When rules map onto another host or disagree, then the registry is refused naming the rule")
  void badRules() {
    assertThat(RegistryResolver.resolve(registry(null, null, new RegistryRule("docker.io/*", "other.local/*")),
        only(), only())).isEqualTo(new RegistryResolver.Refused(RegistryReasons.RULES_INVALID,
            "ImageRegistry site-registry: rule docker.io/* maps onto other.local, not the endpoint's host " + HOST));
    assertThat(RegistryResolver.resolve(registry(null, null, new RegistryRule("docker.io/a/*", HOST + "/x/*"), MIRROR),
        only(), only())).isInstanceOfSatisfying(RegistryResolver.Refused.class,
            r -> assertThat(r.message()).contains("rules docker.io/a/* and docker.io/*"));
  }
}
