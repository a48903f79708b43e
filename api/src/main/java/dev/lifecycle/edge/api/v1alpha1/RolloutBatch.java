package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** One batch of a rollout: which one it is and every host it moved. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class RolloutBatch {

  @JsonPropertyDescription("Position of the batch in the rollout: 1 for the first; a rollback counts its own "
      + "batches from 1 again.")
  private Integer number;

  @JsonPropertyDescription("Every host the batch moved, as the batch moved them; unlike inFlight, a host stays "
      + "listed once it is healthy.")
  private List<String> hosts = new ArrayList<>();

  public RolloutBatch() {
  }

  public RolloutBatch(int number, List<String> hosts) {
    this.number = number;
    this.hosts = new ArrayList<>(hosts);
  }

  public Integer getNumber() {
    return number;
  }

  public void setNumber(Integer number) {
    this.number = number;
  }

  public List<String> getHosts() {
    return hosts;
  }

  public void setHosts(List<String> hosts) {
    this.hosts = hosts;
  }
}
