package dev.lifecycle.edge.operator.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifecycle.edge.wire.RegisterRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestReaderTest {

  @Test
  @DisplayName("When a full registration is read, then every field arrives typed")
  void readsARegistration() {
    RegisterRequest request = read("{\"token\":\"t\",\"machineId\":\"m-1\",\"hostname\":\"a\","
        + "\"inventory\":{\"arch\":\"amd64\",\"cpuCores\":4,\"disks\":[{\"name\":\"sda\",\"sizeBytes\":10}]},"
        + "\"site\":{\"hostname\":\"a\",\"network\":{\"interface\":\"eth0\",\"addresses\":[\"10.0.0.2/24\"]}},"
        + "\"labels\":{\"rack\":\"a\"}}");

    assertThat(request.machineId()).isEqualTo("m-1");
    assertThat(request.inventory().cpuCores()).isEqualTo(4);
    assertThat(request.inventory().disks().get(0).sizeBytes()).isEqualTo(10L);
    assertThat(request.site().network().interfaceName()).isEqualTo("eth0");
    assertThat(request.labels()).containsEntry("rack", "a");
    assertThat(request.toString()).doesNotContain("\"t\"").doesNotContain("token=");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{\"token\":\"t\"                           | malformed JSON at line 1, column 13",
      "[]                                         | the request body must be a JSON object",
      "\"text\"                                   | the request body must be a JSON object",
      "{\"token\":\"t\",\"shoeSize\":4}           | unknown field 'shoeSize': expected one of credentialSecret, hostname, inventory, labels, machineId, site, token",
      "{\"inventory\":{\"gpu\":1}}                | unknown field 'inventory.gpu'",
      "{\"token\":4}                              | field 'token' has the wrong type: expected a string",
      "{\"inventory\":{\"cpuCores\":\"4\"}}       | field 'inventory.cpuCores' has the wrong type: expected an integer",
      "{\"inventory\":{\"cpuCores\":4.5}}         | field 'inventory.cpuCores' has the wrong type: expected an integer",
      "{\"labels\":{\"rack\":1}}                  | field 'labels.rack' has the wrong type: expected a string",
      "{\"labels\":[\"rack\"]}                    | field 'labels' has the wrong type",
      "{\"inventory\":{\"disks\":[{\"name\":7}]}} | field 'inventory.disks[0].name' has the wrong type: expected a string",
      "{\"token\":\"a\",\"token\":\"b\"}          | a field appears more than once",
      "{\"token\":\"t\"} {}                       | the request body must be exactly one JSON object",
      "null                                       | the request body is null"})
  @DisplayName("When a body is not a well-typed registration, then the 400 names the field and what was expected")
  void refusesBadBodies(String body, String message) {
    assertThatThrownBy(() -> read(body.trim()))
        .isInstanceOfSatisfying(GatewayException.class, e -> {
          assertThat(e.error().status()).isEqualTo(400);
          assertThat(e.error().message()).startsWith(message.trim());
        });
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{\"inventory\":{\"cpuCores\":1,\"cpuCores\":2}}         | a field appears more than once at line 1 | in field 'inventory'",
      "{\"inventory\":{\"memoryBytes\":99999999999999999999}} | malformed JSON at line 1                 | in field 'inventory.memoryBytes'"})
  @DisplayName("When a value inside a field cannot be read, then the 400 says what went wrong and in which field")
  void namesTheFieldOfAnUnreadableValue(String body, String problem, String field) {
    assertThatThrownBy(() -> read(body.trim()))
        .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.error().message())
            .startsWith(problem.trim()).endsWith(field.trim()));
  }

  @Test
  @DisplayName("When a body nests deeper than JSON's limits, then the 400 says so, before any field is judged")
  void refusesDeepNesting() {
    assertThatThrownBy(() -> read("{\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}"))
        .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.error().message())
            .isEqualTo("beyond the JSON limits (nesting depth, number or string length)"));
  }

  @Test
  @DisplayName("When a malformed body holds a token, then the message does not echo it")
  void neverEchoesTheBody() {
    assertThatThrownBy(() -> read("{\"token\": s3cr3t-value}"))
        .isInstanceOfSatisfying(GatewayException.class,
            e -> assertThat(e.error().message()).doesNotContain("s3cr3t"));
  }

  @Test
  @DisplayName("When a body is empty or blank, then it is refused as empty")
  void emptyBody() {
    assertThatThrownBy(() -> read("  ")).isInstanceOfSatisfying(GatewayException.class,
        e -> assertThat(e.error().message()).contains("empty"));
  }

  private static RegisterRequest read(String json) {
    return RequestReader.read(json.getBytes(StandardCharsets.UTF_8), RegisterRequest.class);
  }
}
