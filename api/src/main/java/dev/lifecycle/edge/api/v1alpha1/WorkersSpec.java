package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** How many worker hosts the cluster has, and which hosts may serve. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class WorkersSpec {

  @Default("0")
  @Min(0)
  @Max(1000)
  @JsonPropertyDescription("Number of worker hosts, from 0 to 1000.")
  private Integer count;

  @JsonPropertyDescription("Which Available hosts may become workers; unset means any host.")
  private HostSelector hostSelector;

  public WorkersSpec() {
  }

  public WorkersSpec(Integer count) {
    this.count = count;
  }

  public Integer getCount() {
    return count;
  }

  public void setCount(Integer count) {
    this.count = count;
  }

  public HostSelector getHostSelector() {
    return hostSelector;
  }

  public void setHostSelector(HostSelector hostSelector) {
    this.hostSelector = hostSelector;
  }
}
