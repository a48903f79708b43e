package dev.lifecycle.edge.operator.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AdmissionTest {

  private static final long SECOND = 1_000_000_000L;
  private final AtomicLong now = new AtomicLong();

  @Test
  @DisplayName("When nothing has finished yet, then exactly the floor is admitted and the rest are sent away")
  void floorAtFirst() {
    Admission admission = new Admission(8, 100, now::get);
    int admitted = 0;
    for (int i = 0; i < 50; i++) {
      admitted += admission.tryAdmit() ? 1 : 0;
    }
    assertThat(admitted).isEqualTo(8);
    assertThat(admission.waiting()).isEqualTo(8);
  }

  @Test
  @DisplayName("When the workers finished 10 a second, then 5 s of that pace (50) may wait")
  void boundFollowsPace() {
    Admission admission = new Admission(8, 100, now::get);
    for (int i = 0; i < 10; i++) {
      assertThat(admission.tryAdmit()).isTrue();
      admission.finished();
    }
    now.addAndGet(SECOND);
    assertThat(admission.limit()).isEqualTo(50);
    int admitted = 0;
    for (int i = 0; i < 80; i++) {
      admitted += admission.tryAdmit() ? 1 : 0;
    }
    assertThat(admitted).isEqualTo(50);
  }

  @Test
  @DisplayName("When the workers go very fast, then no more than the ceiling wait; when they stop, the bound falls "
      + "back to the floor")
  void ceilingAndFloor() {
    Admission admission = new Admission(8, 100, now::get);
    for (int i = 0; i < 1000; i++) {
      admission.tryAdmit();
      admission.finished();
    }
    now.addAndGet(SECOND);
    assertThat(admission.limit()).isEqualTo(100);
    // Each idle window halves the pace remembered.
    for (int i = 0; i < 12; i++) {
      now.addAndGet(10 * SECOND);
      admission.limit();
    }
    assertThat(admission.limit()).isEqualTo(8);
  }
}
