package dev.lifecycle.edge.operator.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.RegistrationToken;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TokenSecretsTest {

  private static RegistrationToken token(String uid) {
    RegistrationToken token = new RegistrationToken();
    token.setMetadata(new ObjectMetaBuilder().withName("wave-1").withNamespace("store").withUid(uid).build());
    return token;
  }

  private static String b64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("When a Secret is created for a token, then it has the token's name, the label, a controller "
      + "reference and both keys")
  void created() {
    Secret secret = TokenSecrets.create(token("uid-1"), "value-1", "#cloud-config\n");

    assertThat(secret.getMetadata().getName()).isEqualTo("wave-1");
    assertThat(secret.getMetadata().getNamespace()).isEqualTo("store");
    assertThat(secret.getType()).isEqualTo("Opaque");
    assertThat(secret.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "edge-operator");
    assertThat(secret.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
      assertThat(ref.getKind()).isEqualTo("RegistrationToken");
      assertThat(ref.getApiVersion()).isEqualTo("edge.lifecycle.dev/v1alpha1");
      assertThat(ref.getUid()).isEqualTo("uid-1");
      assertThat(ref.getController()).isTrue();
    });
    assertThat(TokenSecrets.tokenOf(secret)).contains("value-1");
    assertThat(TokenSecrets.userDataOf(secret)).contains("#cloud-config\n");
    assertThat(TokenSecrets.ownedBy(secret, token("uid-1"))).isTrue();
    assertThat(TokenSecrets.holds(secret, "value-1", "#cloud-config\n")).isTrue();
  }

  @Test
  @DisplayName("When a Secret is controlled by a namesake token (another uid) or by nothing, then it is not owned")
  void notOwned() {
    Secret namesakes = TokenSecrets.create(token("uid-old"), "v", "u");
    Secret foreign = new SecretBuilder().withNewMetadata().withName("wave-1").endMetadata().build();

    assertThat(TokenSecrets.ownedBy(namesakes, token("uid-new"))).isFalse();
    assertThat(TokenSecrets.ownedBy(foreign, token("uid-new"))).isFalse();
    assertThat(TokenSecrets.controllerOf(namesakes)).isEqualTo("RegistrationToken/wave-1");
    assertThat(TokenSecrets.controllerOf(foreign)).isEqualTo("no controller");
  }

  @Test
  @DisplayName("When the token key is missing, blank or not base64, then the Secret holds no token")
  void noToken() {
    assertThat(TokenSecrets.tokenOf(new SecretBuilder().withNewMetadata().endMetadata().build())).isEmpty();
    assertThat(TokenSecrets.tokenOf(secretWith(Map.of("token", b64("  "))))).isEmpty();
    assertThat(TokenSecrets.tokenOf(secretWith(Map.of("token", "%%%")))).isEmpty();
  }

  @Test
  @DisplayName("When the Secret is updated, then the keys and labels others added are kept, and only ours change")
  void updateKeepsOthers() {
    Secret existing = new SecretBuilder(TokenSecrets.create(token("uid-1"), "value-1", "old"))
        .editMetadata().addToLabels("team", "edge").withResourceVersion("7").endMetadata()
        .addToData("extra", b64("kept"))
        .build();

    Secret updated = TokenSecrets.update(existing, "value-1", "new");

    assertThat(updated.getData()).containsEntry("extra", b64("kept"));
    assertThat(TokenSecrets.userDataOf(updated)).contains("new");
    assertThat(TokenSecrets.tokenOf(updated)).contains("value-1");
    assertThat(updated.getMetadata().getLabels()).containsEntry("team", "edge");
    assertThat(updated.getMetadata().getResourceVersion()).isEqualTo("7");
    assertThat(TokenSecrets.holds(existing, "value-1", "new")).isFalse();
    assertThat(TokenSecrets.holds(updated, "value-1", "new")).isTrue();
  }

  private static Secret secretWith(Map<String, String> data) {
    return new SecretBuilder().withNewMetadata().withName("wave-1").endMetadata().withData(data).build();
  }
}
