package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * How a cluster replaces its dead hosts: a host Failed or Unreachable for {@code unhealthyTimeout} is replaced by
 * a spare Available host, which joins before the dead one is released.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class Remediation {

  /** The annotation on an EdgeHost that asks its cluster to replace it with a spare (a planned hardware swap). */
  public static final String REPLACE_ANNOTATION = "edge.lifecycle.dev/replace";

  /** Whether the operator replaces unhealthy hosts by itself. */
  public enum Mode {
    /** Replace a host unhealthy for unhealthyTimeout with a spare, within maxUnavailable and maxReplacements. */
    Automatic,
    /** Never replace by itself: the cluster is Degraded naming the host; the replace annotation replaces it. */
    Manual
  }

  @Default("Automatic")
  @JsonPropertyDescription("Automatic (replace a host unhealthy for unhealthyTimeout with a spare Available host "
      + "matching its role's selector) or Manual (the cluster is Degraded naming the host; annotate the EdgeHost "
      + "edge.lifecycle.dev/replace to replace it). Default Automatic. Without spec.remediation no host is replaced "
      + "automatically.")
  private Mode mode;

  @Default("10m")
  @Size(max = 32)
  @ValidationRule(value = Validation.DURATION_RULE,
      message = "unhealthyTimeout must be a duration such as 90s, 10m or 1h")
  @JsonPropertyDescription("How long a host must be Failed or Unreachable before it is replaced, as a duration "
      + "such as 10m. Default 10m.")
  private String unhealthyTimeout;

  @Default("2")
  @Min(1)
  @Max(100)
  @JsonPropertyDescription("Most automatic replacements begun in any hour, so that a flapping network cannot churn "
      + "the fleet: beyond it the cluster waits, Degraded, for the hour to pass. Default 2.")
  private Integer maxReplacements;

  public Mode getMode() {
    return mode;
  }

  public void setMode(Mode mode) {
    this.mode = mode;
  }

  public String getUnhealthyTimeout() {
    return unhealthyTimeout;
  }

  public void setUnhealthyTimeout(String unhealthyTimeout) {
    this.unhealthyTimeout = unhealthyTimeout;
  }

  public Integer getMaxReplacements() {
    return maxReplacements;
  }

  public void setMaxReplacements(Integer maxReplacements) {
    this.maxReplacements = maxReplacements;
  }
}
