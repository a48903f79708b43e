package dev.lifecycle.edge.operator.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Asserts that the API refuses a write as a real API server refuses an object its CRD's schema or CEL rules
 * forbid: 422 Invalid, with a cause per problem. The first line of defence; the reconcilers' own checks of the
 * same problems (for objects stored before a rule existed) are unit tested on their decisions.
 */
public final class Refusals {

  private Refusals() {
  }

  /**
   * The write is refused with 422 Invalid and, for each of {@code causes}, a cause whose field and message
   * ({@code field: message}, as kubectl prints it) contain it.
   */
  public static void assertInvalid(ThrowingCallable write, String... causes) {
    assertThatThrownBy(write).isInstanceOfSatisfying(KubernetesClientException.class, refused -> {
      assertThat(refused.getCode()).as("HTTP status").isEqualTo(422);
      assertThat(refused.getStatus().getReason()).isEqualTo("Invalid");
      List<String> messages = refused.getStatus().getDetails().getCauses().stream()
          .map(cause -> cause.getField() + ": " + cause.getMessage()).toList();
      for (String cause : causes) {
        assertThat(messages).as("causes").anySatisfy(
            message -> assertThat(message).contains(cause));
      }
    });
  }
}
