package dev.lifecycle.edge.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.HostSelector;
import dev.lifecycle.edge.api.v1alpha1.LabelRequirement;
import dev.lifecycle.edge.api.v1alpha1.LabelRequirement.Operator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HostSelectorsTest {

  private static final Map<String, String> STORE_42_RACK_A = Map.of("site", "store-0042", "rack", "a");

  private static HostSelector expression(String key, Operator operator, String... values) {
    HostSelector selector = new HostSelector();
    selector.setMatchExpressions(List.of(new LabelRequirement(key, operator, List.of(values))));
    return selector;
  }

  @Test
  @DisplayName("When no selector is set, then every host matches")
  void absentSelectorMatchesAll() {
    assertThat(HostSelectors.matches(null, Map.of())).isTrue();
    assertThat(HostSelectors.matches(new HostSelector(), STORE_42_RACK_A)).isTrue();
  }

  @Test
  @DisplayName("When matchLabels is set, then every label must be present with its value")
  void matchLabels() {
    assertThat(HostSelectors.matches(new HostSelector(Map.of("site", "store-0042")), STORE_42_RACK_A)).isTrue();
    assertThat(HostSelectors.matches(new HostSelector(Map.of("site", "store-0043")), STORE_42_RACK_A)).isFalse();
    assertThat(HostSelectors.matches(new HostSelector(Map.of("site", "store-0042", "gpu", "true")), STORE_42_RACK_A))
        .isFalse();
    assertThat(HostSelectors.matches(new HostSelector(Map.of("site", "store-0042")), null)).isFalse();
  }

  @Test
  @DisplayName("When expressions are set, then In, NotIn, Exists and DoesNotExist follow Kubernetes semantics")
  void expressions() {
    assertThat(HostSelectors.matches(expression("rack", Operator.In, "a", "b"), STORE_42_RACK_A)).isTrue();
    assertThat(HostSelectors.matches(expression("rack", Operator.In, "c"), STORE_42_RACK_A)).isFalse();
    assertThat(HostSelectors.matches(expression("rack", Operator.NotIn, "c"), STORE_42_RACK_A)).isTrue();
    assertThat(HostSelectors.matches(expression("gpu", Operator.NotIn, "true"), STORE_42_RACK_A)).isTrue();
    assertThat(HostSelectors.matches(expression("rack", Operator.Exists), STORE_42_RACK_A)).isTrue();
    assertThat(HostSelectors.matches(expression("gpu", Operator.Exists), STORE_42_RACK_A)).isFalse();
    assertThat(HostSelectors.matches(expression("gpu", Operator.DoesNotExist), STORE_42_RACK_A)).isTrue();
    assertThat(HostSelectors.matches(expression("rack", Operator.DoesNotExist), STORE_42_RACK_A)).isFalse();
  }
}
