package dev.lifecycle.edge.operator.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifecycle.edge.api.v1alpha1.MaintenanceWindow;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MaintenanceWindowsTest {

  private static MaintenanceWindows windows(MaintenanceWindow... windows) {
    return MaintenanceWindows.parse(List.of(windows));
  }

  private static MaintenanceWindow window(String days, String start, String duration, String zone) {
    return new MaintenanceWindow(List.of(days.split(",")), start, duration, zone);
  }

  private static Instant at(String instant) {
    return Instant.parse(instant);
  }

  @Test
  @DisplayName("When no window is set, then work may start at any time and no opening is announced")
  void noWindowsAlwaysOpen() {
    assertThat(MaintenanceWindows.parse(List.of()).openAt(at("2026-12-02T12:00:00Z"))).isTrue();
    assertThat(MaintenanceWindows.parse(null).nextOpening(at("2026-12-02T12:00:00Z"))).isEmpty();
  }

  @Test
  @DisplayName("When a window opens Monday 22:00 Berlin for 4h, then it is open after midnight on Tuesday and closed "
      + "at 02:00 sharp, and outside it the next opening is the coming Monday 22:00")
  void crossesMidnight() {
    MaintenanceWindows nights = windows(window("Mon", "22:00", "4h", "Europe/Berlin"));
    // 2026-12-07 is a Monday; Berlin is UTC+1 in December.
    assertThat(nights.openAt(at("2026-12-07T20:59:59Z"))).isFalse();
    assertThat(nights.openAt(at("2026-12-07T21:00:00Z"))).isTrue();
    assertThat(nights.openAt(at("2026-12-08T00:00:00Z"))).as("Tuesday 01:00 local").isTrue();
    assertThat(nights.openAt(at("2026-12-08T01:00:00Z"))).as("Tuesday 02:00 local: closed").isFalse();
    assertThat(nights.nextOpening(at("2026-12-08T01:00:00Z"))).contains(at("2026-12-14T21:00:00Z"));
    assertThat(nights.nextOpening(at("2026-12-03T10:00:00Z"))).contains(at("2026-12-07T21:00:00Z"));
  }

  @Test
  @DisplayName("When a window opens Sunday 23:00 UTC for 3h, then it is open early on Monday across the week's end")
  void crossesTheWeeksEnd() {
    MaintenanceWindows sunday = windows(window("Sun", "23:00", "3h", "UTC"));
    assertThat(sunday.openAt(at("2026-12-07T01:30:00Z"))).as("Monday 01:30").isTrue();
    assertThat(sunday.openAt(at("2026-12-07T02:00:00Z"))).isFalse();
    assertThat(sunday.nextOpening(at("2026-12-07T02:00:00Z"))).contains(at("2026-12-13T23:00:00Z"));
  }

  @Test
  @DisplayName("When a window starts at 02:30 on the spring-forward day in Europe/Berlin, then it opens at 03:30 "
      + "CEST (the gap's length later) and stays open its elapsed duration")
  void springForwardBerlin() {
    MaintenanceWindows window = windows(window("Sun", "02:30", "1h", "Europe/Berlin"));
    // 2026-03-29: 02:00 CET becomes 03:00 CEST, so 02:30 does not exist; 03:30 CEST is 01:30Z.
    assertThat(window.nextOpening(at("2026-03-28T12:00:00Z"))).contains(at("2026-03-29T01:30:00Z"));
    assertThat(window.openAt(at("2026-03-29T01:29:59Z"))).isFalse();
    assertThat(window.openAt(at("2026-03-29T01:30:00Z"))).isTrue();
    assertThat(window.openAt(at("2026-03-29T02:29:59Z"))).isTrue();
    assertThat(window.openAt(at("2026-03-29T02:30:00Z"))).isFalse();
    // The week after, 02:30 CEST again: 00:30Z.
    assertThat(window.nextOpening(at("2026-03-29T03:00:00Z"))).contains(at("2026-04-05T00:30:00Z"));
  }

  @Test
  @DisplayName("When a window starts at 02:30 on the spring-forward day in America/New_York, then it opens at "
      + "03:30 EDT")
  void springForwardNewYork() {
    MaintenanceWindows window = windows(window("Sun", "02:30", "2h", "America/New_York"));
    // 2026-03-08: 02:00 EST becomes 03:00 EDT; 03:30 EDT is 07:30Z.
    assertThat(window.nextOpening(at("2026-03-07T12:00:00Z"))).contains(at("2026-03-08T07:30:00Z"));
    assertThat(window.openAt(at("2026-03-08T09:29:59Z"))).isTrue();
    assertThat(window.openAt(at("2026-03-08T09:30:00Z"))).isFalse();
  }

  @Test
  @DisplayName("When a window starts at 02:30 on the fall-back day in Europe/Berlin, then it opens at the first "
      + "02:30 (CEST) and a 2h window lasts two real hours")
  void fallBackBerlin() {
    MaintenanceWindows window = windows(window("Sun", "02:30", "2h", "Europe/Berlin"));
    // 2026-10-25: 03:00 CEST becomes 02:00 CET, so 02:30 happens at 00:30Z and again at 01:30Z.
    assertThat(window.nextOpening(at("2026-10-24T12:00:00Z"))).contains(at("2026-10-25T00:30:00Z"));
    assertThat(window.openAt(at("2026-10-25T02:29:59Z"))).isTrue();
    assertThat(window.openAt(at("2026-10-25T02:30:00Z"))).isFalse();
  }

  @Test
  @DisplayName("When several windows are set, then any open one lets work start and the next opening is the "
      + "earliest of them")
  void severalWindows() {
    MaintenanceWindows both = windows(window("Tue,Thu", "01:00", "2h", "UTC"),
        window("Sat", "10:00", "30m", "America/New_York"));
    assertThat(both.openAt(at("2026-12-03T02:00:00Z"))).as("Thursday 02:00").isTrue();
    assertThat(both.openAt(at("2026-12-05T15:15:00Z"))).as("Saturday 10:15 New York").isTrue();
    assertThat(both.openAt(at("2026-12-05T15:30:00Z"))).isFalse();
    assertThat(both.nextOpening(at("2026-12-03T04:00:00Z"))).contains(at("2026-12-05T15:00:00Z"));
    assertThat(both.nextOpening(at("2026-12-05T16:00:00Z"))).contains(at("2026-12-08T01:00:00Z"));
  }

  @Test
  @DisplayName("When a window lasts 168h, then once it opened it is open all week, also just before its next start")
  void aWholeWeek() {
    MaintenanceWindows week = windows(window("Mon", "00:00", "168h", "UTC"));
    assertThat(week.openAt(at("2026-12-13T23:59:59Z"))).isTrue();
    assertThat(week.openAt(at("2026-12-14T00:00:00Z"))).isTrue();
    assertThat(week.openAt(at("2026-12-10T12:00:00Z"))).isTrue();
  }

  @Test
  @DisplayName("When a time zone is unknown or an offset, then reading the windows fails naming the window and "
      + "the zone")
  void unknownZoneRefused() {
    assertThatThrownBy(() -> windows(window("Mon", "02:00", "1h", "UTC"), window("Mon", "02:00", "1h",
        "Europe/Berlinn")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maintenanceWindows[1].timeZone: 'Europe/Berlinn' is not a time zone");
    assertThatThrownBy(() -> windows(window("Mon", "02:00", "1h", "+02:00")))
        .hasMessageContaining("'+02:00' is not a time zone");
  }

  @Test
  @DisplayName("When a day, start or duration cannot be read, then reading fails naming the field")
  void badFieldsRefused() {
    assertThatThrownBy(() -> windows(window("Monday", "02:00", "1h", "UTC")))
        .hasMessageContaining("maintenanceWindows[0].days: 'Monday' is not a day");
    assertThatThrownBy(() -> windows(window("Mon", "2am", "1h", "UTC")))
        .hasMessageContaining("maintenanceWindows[0].start: '2am'");
    assertThatThrownBy(() -> windows(window("Mon", "02:00", "169h", "UTC")))
        .hasMessageContaining("at most 168h");
  }
}
