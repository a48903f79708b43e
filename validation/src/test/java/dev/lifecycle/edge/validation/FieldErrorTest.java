package dev.lifecycle.edge.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FieldErrorTest {

  @Test
  @DisplayName("When errors are printed, then they read as kube-apiserver's field errors")
  void apiServerText() {
    assertThat(new FieldError(FieldError.Type.INVALID, "spec.workers.count", -1L,
        "spec.workers.count in body should be greater than or equal to 0").toString())
        .isEqualTo("spec.workers.count: Invalid value: -1: spec.workers.count in body should be greater than or "
            + "equal to 0");
    assertThat(new FieldError(FieldError.Type.REQUIRED, "spec.profileRef", null, "").toString())
        .isEqualTo("spec.profileRef: Required value");
    assertThat(new FieldError(FieldError.Type.TOO_LONG, "spec.x", "a long value", "may not be longer than 3")
        .toString()).isEqualTo("spec.x: Too long: may not be longer than 3");
    assertThat(FieldError.RULES_NOT_CHECKED.toString()).isEqualTo("<nil>: Invalid value: \"null\": some validation "
        + "rules were not checked because the object was invalid; correct the existing errors to complete "
        + "validation");
    assertThat(FieldError.quote("a \"b\"\n")).isEqualTo("\"a \\\"b\\\"\\n\"");
  }

  @Test
  @DisplayName("When an object has one error or several, then the message names it alone or lists them in brackets")
  void invalidMessage() {
    FieldError one = new FieldError(FieldError.Type.REQUIRED, "spec", null, "");
    FieldError two = new FieldError(FieldError.Type.INVALID, "spec.version", "1.0", "bad");

    assertThat(FieldError.invalidMessage("EdgeCluster", "edge.lifecycle.dev", "x", List.of(one)))
        .isEqualTo("EdgeCluster.edge.lifecycle.dev \"x\" is invalid: spec: Required value");
    assertThat(FieldError.invalidMessage("EdgeCluster", "edge.lifecycle.dev", "x", List.of(one, two, one)))
        .isEqualTo("EdgeCluster.edge.lifecycle.dev \"x\" is invalid: [spec: Required value, spec.version: Invalid "
            + "value: \"1.0\": bad]");
  }
}
