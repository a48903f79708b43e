package dev.lifecycle.edge.wire;

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
        new Inventory("amd64", 4, 8L, null, List.of(new Inventory.Disk("sda", 1L, null)), List.of()),
        new Site("store-0042-a", null, null, null, List.of("ntp.example.com")), Map.of());

    assertThat(Json.write(request)).isEqualTo("{\"token\":\"tok\",\"machineId\":\"m-0\",\"inventory\":"
        + "{\"arch\":\"amd64\",\"cpuCores\":4,\"memoryBytes\":8,\"disks\":[{\"name\":\"sda\",\"sizeBytes\":1}]},"
        + "\"site\":{\"hostname\":\"store-0042-a\",\"ntpServers\":[\"ntp.example.com\"]}}");
  }

  @Test
  @DisplayName("When a report is written, then it has the contract's fields and leaves out what is unset")
  void reportJson() {
    Plan plan = new Plan(3L, "Upgrade", "c", "worker", "p", "1.1.0", null, List.of(), null, null);

    assertThat(Json.write(Report.applying(plan))).isEqualTo("{\"planGeneration\":3,\"state\":\"Applying\"}");
    assertThat(Json.write(Report.applied(plan, null)))
        .isEqualTo("{\"planGeneration\":3,\"state\":\"Applied\",\"profileVersion\":\"1.1.0\"}");
    assertThat(Json.write(Report.failed(plan, "boom")))
        .isEqualTo("{\"planGeneration\":3,\"state\":\"Failed\",\"message\":\"boom\"}");
  }

  @Test
  @DisplayName("When a plan names when and by which rollout it was issued, then the agent reads both")
  void planOfARollout() {
    Plan plan = Json.read("{\"generation\":4,\"action\":\"Upgrade\",\"issuedAt\":\"2026-01-01T00:00:00Z\","
        + "\"rollout\":\"r-7\"}", Plan.class);

    assertThat(plan.issuedAt()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(plan.rollout()).isEqualTo("r-7");
  }

  @Test
  @DisplayName("When a plan is named in a log, then only what it has is named: no null for a reset's version")
  void planDescription() {
    assertThat(new Plan(3L, "Upgrade", "c", "worker", "edge", "1.1.0", null, List.of(), null, null).describe())
        .isEqualTo("Upgrade edge 1.1.0");
    assertThat(new Plan(4L, Plan.RESET, null, null, null, null, null, List.of(), null, null).describe())
        .isEqualTo("Reset");
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
    assertThat(new RegisterRequest("secret-token", "m-0", "h", null, null, Map.of(), "secret-of-credential")
        .toString()).doesNotContain("secret-token").doesNotContain("secret-of-credential");
    assertThat(new RegisterResponse("ns", "h", "secret-credential", "30s").toString())
        .doesNotContain("secret-credential");
  }
}
