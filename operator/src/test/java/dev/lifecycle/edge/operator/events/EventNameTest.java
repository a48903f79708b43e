package dev.lifecycle.edge.operator.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EventNameTest {

  private static final String DNS_SUBDOMAIN = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";

  private static ConfigMap subject(String name, String uid) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("store-1").withUid(uid)
        .endMetadata().build();
  }

  private static String name(HasMetadata subject, String reason, String message) {
    return EventName.of(subject, "Normal", reason, message);
  }

  @Test
  @DisplayName("When the same thing happens again, then its Event has the same name: the subject's, then a hash")
  void stable() {
    String first = name(subject("store-1", "u1"), "HostClaimed", "claimed host a");

    assertThat(name(subject("store-1", "u1"), "HostClaimed", "claimed host a")).isEqualTo(first);
    assertThat(first).matches("store-1\\.[0-9a-f]{16}");
  }

  @Test
  @DisplayName("When the reason, the message, the type or the subject differ, then the name differs")
  void distinct() {
    ConfigMap subject = subject("store-1", "u1");
    String base = name(subject, "HostClaimed", "claimed host a");

    assertThat(name(subject, "HostPlanned", "claimed host a")).isNotEqualTo(base);
    assertThat(name(subject, "HostClaimed", "claimed host b")).isNotEqualTo(base);
    assertThat(EventName.of(subject, "Warning", "HostClaimed", "claimed host a")).isNotEqualTo(base);
    assertThat(name(subject("store-1", "u2"), "HostClaimed", "claimed host a"))
        .as("an object deleted and created again under the same name").isNotEqualTo(base);
  }

  @Test
  @DisplayName("When the subject's name is as long as a name may be, then the Event's name is still a valid name")
  void longName() {
    String longest = "a".repeat(240) + "-b." + "c".repeat(10);

    String name = name(subject(longest, "u1"), "Registered", "registered");

    assertThat(name).hasSizeLessThanOrEqualTo(EventName.MAX_LENGTH).matches(DNS_SUBDOMAIN);
  }
}
