package dev.lifecycle.edge.agent.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WireFormatTest {

  @Test
  @DisplayName("When a registration is written, then it has the contract's fields and no nulls or empty ones")
  void registrationJson() {
    RegisterRequest request = new RegisterRequest("tok", "m-0", null,
        new Inventory("amd64", 4, 8L, null, List.of(new Inventory.Disk("sda", 1L)), List.of()), Map.of());

    assertThat(Json.write(request)).isEqualTo("{\"token\":\"tok\",\"machineId\":\"m-0\",\"inventory\":"
        + "{\"arch\":\"amd64\",\"cpuCores\":4,\"memoryBytes\":8,\"disks\":[{\"name\":\"sda\",\"sizeBytes\":1}]}}");
  }

  @Test
  @DisplayName("When a report is written, then it has the contract's fields and leaves out what is unset")
  void reportJson() {
    Plan plan = new Plan(3L, "Upgrade", "c", "worker", "p", "1.1.0", null, List.of());

    assertThat(Json.write(Report.applying(plan))).isEqualTo("{\"planGeneration\":3,\"state\":\"Applying\"}");
    assertThat(Json.write(Report.applied(plan, null)))
        .isEqualTo("{\"planGeneration\":3,\"state\":\"Applied\",\"profileVersion\":\"1.1.0\"}");
    assertThat(Json.write(Report.failed(plan, "boom")))
        .isEqualTo("{\"planGeneration\":3,\"state\":\"Failed\",\"message\":\"boom\"}");
  }

  @Test
  @DisplayName("When a plan carries fields the agent does not know, then it still reads it")
  void lenientPlan() {
    Plan plan = Json.read("{\"generation\":2,\"action\":\"Join\",\"newField\":true,\"layers\":[{\"name\":\"os\"}]}",
        Plan.class);

    assertThat(plan.generation()).isEqualTo(2L);
    assertThat(plan.layers()).hasSize(1);
  }

  @Test
  @DisplayName("When a registration or its answer is printed, then neither token nor credential shows")
  void secretsStayHidden() {
    assertThat(new RegisterRequest("secret-token", "m-0", "h", null, Map.of()).toString())
        .doesNotContain("secret-token");
    assertThat(new Registration("ns", "h", "secret-credential", "30s").toString())
        .doesNotContain("secret-credential");
  }
}
