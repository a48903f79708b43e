package dev.lifecycle.edge.operator.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenSpec;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RegistrationCountTest {

  @Test
  @DisplayName("When a limited token's status counted more machines than are registered with it now, then the count "
      + "stays (a moved or deleted host frees no slot); fewer, then the hosts count")
  void limitedTokenCountNeverFalls() {
    RegistrationTokenSpec limited = spec(5);

    assertThat(RegistrationCount.of(limited, status(3), 1)).isEqualTo(3);
    assertThat(RegistrationCount.of(limited, status(3), 4)).isEqualTo(4);
    assertThat(RegistrationCount.of(limited, null, 2)).isEqualTo(2);
    assertThat(RegistrationCount.of(limited, new RegistrationTokenStatus(), 2)).isEqualTo(2);
  }

  @Test
  @DisplayName("When a token has no limit, then it counts the hosts registered with it now")
  void unlimitedTokenCountsItsHosts() {
    assertThat(RegistrationCount.of(spec(null), status(3), 1)).isEqualTo(1);
  }

  private static RegistrationTokenSpec spec(Integer max) {
    RegistrationTokenSpec spec = new RegistrationTokenSpec();
    spec.setMaxRegistrations(max);
    return spec;
  }

  private static RegistrationTokenStatus status(int registrations) {
    RegistrationTokenStatus status = new RegistrationTokenStatus();
    status.setRegistrations(registrations);
    return status;
  }
}
