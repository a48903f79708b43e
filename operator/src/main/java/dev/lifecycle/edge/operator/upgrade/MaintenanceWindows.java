package dev.lifecycle.edge.operator.upgrade;

import dev.lifecycle.edge.api.v1alpha1.MaintenanceWindow;
import dev.lifecycle.edge.wire.Durations;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * When disruptive work may start: the weekly windows of {@code spec.upgradeStrategy.maintenanceWindows}.
 * Pure. No window at all means always open. Rollouts ask it before each batch; scaling down and host
 * replacement are meant to ask it the same way ({@link #openAt}, {@link #nextOpening}).
 *
 * <p>A window opens on each of its days at its local start time in its zone and stays open for its
 * duration of elapsed time. A start that falls in a daylight-saving gap moves later by the gap (02:30 on
 * the spring-forward day in Europe/Berlin opens at 03:30 CEST); a start that occurs twice (fall back)
 * opens at the first. This is {@link ZonedDateTime#of}'s rule, and docs/day-2.md states it.
 */
public final class MaintenanceWindows {

  /** No windows: work may start at any time. */
  public static final MaintenanceWindows ALWAYS = new MaintenanceWindows(List.of());

  private static final Duration LONGEST = Duration.ofHours(168);

  /** One window, read. */
  record Window(Set<DayOfWeek> days, LocalTime start, Duration duration, ZoneId zone) {

    /** The instants this window opens on local dates from {@code first} to {@code last}, both included. */
    Stream<Instant> openings(LocalDate first, LocalDate last) {
      return first.datesUntil(last.plusDays(1))
          .filter(date -> days.contains(date.getDayOfWeek()))
          .map(date -> ZonedDateTime.of(date, start, zone).toInstant());
    }

    boolean openAt(Instant now) {
      LocalDate today = now.atZone(zone).toLocalDate();
      // A window of at most 168h opened at most 8 local dates ago (a gap can shift a start by a day's hours).
      return openings(today.minusDays(8), today)
          .anyMatch(opened -> !opened.isAfter(now) && now.isBefore(opened.plus(duration)));
    }

    Optional<Instant> nextOpening(Instant now) {
      LocalDate today = now.atZone(zone).toLocalDate();
      return openings(today.minusDays(1), today.plusDays(8)).filter(opens -> opens.isAfter(now))
          .min(Comparator.naturalOrder());
    }
  }

  private final List<Window> windows;

  private MaintenanceWindows(List<Window> windows) {
    this.windows = List.copyOf(windows);
  }

  /**
   * The windows of a spec; null or empty is {@link #ALWAYS}.
   *
   * @throws IllegalArgumentException naming the window and field, when one cannot be understood (above all a
   *     time zone the API server's form check let through but no time-zone database knows)
   */
  public static MaintenanceWindows parse(List<MaintenanceWindow> spec) {
    if (spec == null || spec.isEmpty()) {
      return ALWAYS;
    }
    List<Window> windows = new ArrayList<>();
    for (int i = 0; i < spec.size(); i++) {
      windows.add(window(spec.get(i), "maintenanceWindows[" + i + "]"));
    }
    return new MaintenanceWindows(windows);
  }

  /** Whether no window is set, so that nothing ever waits. */
  public boolean always() {
    return windows.isEmpty();
  }

  /** Whether work may start at {@code now}: inside a window, or no window set. */
  public boolean openAt(Instant now) {
    return always() || windows.stream().anyMatch(w -> w.openAt(now));
  }

  /** The first instant after {@code now} at which a window opens; empty when no window is set. */
  public Optional<Instant> nextOpening(Instant now) {
    return windows.stream().flatMap(w -> w.nextOpening(now).stream()).min(Comparator.naturalOrder());
  }

  private static Window window(MaintenanceWindow spec, String where) {
    if (spec == null) {
      throw new IllegalArgumentException(where + " is empty");
    }
    ZoneId zone = zone(spec.getTimeZone(), where);
    if (spec.getDays() == null || spec.getDays().isEmpty()) {
      throw new IllegalArgumentException(where + ".days: name at least one day (Mon, Tue, Wed, Thu, Fri, Sat, Sun)");
    }
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (String day : spec.getDays()) {
      int index = MaintenanceWindow.DAYS.indexOf(day);
      if (index < 0) {
        throw new IllegalArgumentException(where + ".days: '" + day + "' is not a day: use Mon, Tue, Wed, Thu, Fri, "
            + "Sat or Sun");
      }
      days.add(DayOfWeek.of(index + 1));
    }
    LocalTime start;
    try {
      start = LocalTime.parse(spec.getStart() == null ? "" : spec.getStart());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(where + ".start: '" + spec.getStart() + "' is not a time of day HH:MM "
          + "such as 02:30");
    }
    Duration duration;
    try {
      duration = Durations.parse(spec.getDuration());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ".duration: " + e.getMessage());
    }
    if (duration.isZero() || duration.isNegative() || duration.compareTo(LONGEST) > 0) {
      throw new IllegalArgumentException(where + ".duration: " + spec.getDuration() + " is not longer than 0 and "
          + "at most 168h (7 days)");
    }
    return new Window(days, start, duration, zone);
  }

  private static ZoneId zone(String name, String where) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(where + ".timeZone is required: an IANA time zone name such as "
          + "Europe/Berlin or UTC");
    }
    // Region names only: ZoneId.of also takes offsets such as +02:00, which are not IANA names and keep no DST.
    if (!ZoneId.getAvailableZoneIds().contains(name)) {
      throw new IllegalArgumentException(where + ".timeZone: '" + name + "' is not a time zone the operator "
          + "knows: use an IANA name such as Europe/Berlin, America/New_York or UTC");
    }
    try {
      return ZoneId.of(name);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(where + ".timeZone: '" + name + "': " + e.getMessage());
    }
  }
}
