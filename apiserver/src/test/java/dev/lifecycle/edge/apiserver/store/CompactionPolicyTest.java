package dev.lifecycle.edge.apiserver.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CompactionPolicyTest {

  @Test
  @DisplayName("When the log is past both the minimum and the factor times the live data, then it is compacted, else not")
  void decides() {
    CompactionPolicy policy = new CompactionPolicy(1000, 4);

    assertThat(policy.shouldCompact(999, 10)).isFalse();
    assertThat(policy.shouldCompact(1001, 10)).isTrue();
    assertThat(policy.shouldCompact(4000, 1000)).isFalse();
    assertThat(policy.shouldCompact(4001, 1000)).isTrue();
  }

  @Test
  @DisplayName("When a policy has a negative minimum or a factor below 1, then it is refused")
  void refusesBadValues() {
    assertThatThrownBy(() -> new CompactionPolicy(-1, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CompactionPolicy(0, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("factor");
  }
}
