package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/**
 * A weekly time span in which a rollout may start batches. Days are plain strings held to the seven
 * names by a CEL rule, not an enum: an unknown day in a stored object stays readable.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class MaintenanceWindow {

  /** The day names, Monday first, as users write them. */
  public static final List<String> DAYS = List.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun");

  @Required
  @Size(min = 1, max = 7)
  @ValidationRule(value = "self.all(d, d in ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'])",
      message = "days must be day names Mon, Tue, Wed, Thu, Fri, Sat or Sun")
  @JsonPropertyDescription("Days of the week on which the window opens, as Mon, Tue, Wed, Thu, Fri, Sat, Sun "
      + "(in the window's time zone).")
  private List<String> days = new ArrayList<>();

  @Required
  @Size(max = 5)
  @ValidationRule(value = "self.matches('" + Validation.TIME_OF_DAY_REGEX + "')",
      message = "start must be a time of day HH:MM from 00:00 to 23:59, such as 02:30")
  @JsonPropertyDescription("Local time of day the window opens, HH:MM (24-hour). On a day when that time does not "
      + "exist (clocks spring forward), the window opens that much later (02:30 opens at 03:30); when it exists "
      + "twice (clocks fall back), it opens at the first.")
  private String start;

  @Required
  @Size(max = 32)
  @ValidationRule(value = Validation.DURATION_RULE + " && duration(self) > duration('0s') "
      + "&& duration(self) <= duration('168h')",
      message = "duration must be a duration such as 4h or 90m, longer than 0 and at most 168h (7 days)")
  @JsonPropertyDescription("How long the window stays open, as elapsed time (a 4h window is 4 hours also across a "
      + "daylight-saving change): a duration such as 4h or 90m, at most 168h. A window may cross midnight and "
      + "the week's end.")
  private String duration;

  @Required
  @Size(max = 64)
  @ValidationRule(value = "self.matches('" + Validation.TIME_ZONE_REGEX + "')",
      message = "timeZone must be an IANA time zone name such as Europe/Berlin, America/New_York or UTC")
  @JsonPropertyDescription("IANA time zone of days and start, such as Europe/Berlin or UTC. The API server checks "
      + "its form only: a name the operator's time-zone database does not know stops the cluster's rollouts "
      + "with Stalled=True, reason InvalidMaintenanceWindow, until it is corrected.")
  private String timeZone;

  public MaintenanceWindow() {
  }

  public MaintenanceWindow(List<String> days, String start, String duration, String timeZone) {
    this.days = new ArrayList<>(days);
    this.start = start;
    this.duration = duration;
    this.timeZone = timeZone;
  }

  public List<String> getDays() {
    return days;
  }

  public void setDays(List<String> days) {
    this.days = days;
  }

  public String getStart() {
    return start;
  }

  public void setStart(String start) {
    this.start = start;
  }

  public String getDuration() {
    return duration;
  }

  public void setDuration(String duration) {
    this.duration = duration;
  }

  public String getTimeZone() {
    return timeZone;
  }

  public void setTimeZone(String timeZone) {
    this.timeZone = timeZone;
  }
}
