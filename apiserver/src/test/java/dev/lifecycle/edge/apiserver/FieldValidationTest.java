package dev.lifecycle.edge.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FieldValidationTest {

  @Test
  @DisplayName("When a write names no directive, then it is Warn, as on a real API server")
  void warnByDefault() {
    assertThat(FieldValidation.of("")).contains(FieldValidation.WARN);
    assertThat(FieldValidation.of("fieldManager=kubectl-client-side-apply")).contains(FieldValidation.WARN);
  }

  @Test
  @DisplayName("When kubectl apply names Strict among other parameters, then the directive is Strict")
  void strictAmongOthers() {
    assertThat(FieldValidation.of("fieldManager=kubectl-client-side-apply&fieldValidation=Strict"))
        .contains(FieldValidation.STRICT);
    assertThat(FieldValidation.of("fieldValidation=Ignore")).contains(FieldValidation.IGNORE);
  }

  @Test
  @DisplayName("When a directive is unknown, then there is none (the write is refused)")
  void unknownDirective() {
    assertThat(FieldValidation.of("fieldValidation=strict")).isEmpty();
  }
}
