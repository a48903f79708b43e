package dev.lifecycle.edge.agent.stub;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** One host the stub gateway registered, with what the agent sent it. */
public final class StubHost {

  final String namespace;
  final String name;
  final String machineId;
  final JsonNode registration;
  volatile String credential;
  volatile String planJson;
  volatile long planGeneration;
  volatile String planVersion;
  final List<JsonNode> reports = new CopyOnWriteArrayList<>();
  final List<String> refusedReports = new CopyOnWriteArrayList<>();
  final AtomicInteger heartbeats = new AtomicInteger();
  final AtomicInteger registrations = new AtomicInteger();
  /** The Authorization header of each registration, in order ("" for none). */
  final List<String> registrationAuthorizations = new CopyOnWriteArrayList<>();

  StubHost(String namespace, String name, String machineId, JsonNode registration) {
    this.namespace = namespace;
    this.name = name;
    this.machineId = machineId;
    this.registration = registration;
  }

  public String namespace() {
    return namespace;
  }

  public String name() {
    return name;
  }

  public String machineId() {
    return machineId;
  }

  /** The body of the first registration. */
  public JsonNode registration() {
    return registration;
  }

  /** Every report accepted, oldest first. */
  public List<JsonNode> reports() {
    return List.copyOf(reports);
  }

  /** The states of the reports accepted, oldest first, as "generation:state". */
  public List<String> reportStates() {
    return reports.stream().map(r -> r.get("planGeneration").asLong() + ":" + r.get("state").asText()).toList();
  }

  /** The reports refused with 409, oldest first, as "generation:state". */
  public List<String> refusedReports() {
    return List.copyOf(refusedReports);
  }

  public int heartbeats() {
    return heartbeats.get();
  }

  public int registrations() {
    return registrations.get();
  }

  /** The Authorization header of each registration, in order ("" for none). */
  public List<String> registrationAuthorizations() {
    return List.copyOf(registrationAuthorizations);
  }

  /** The labels the agent asked for. */
  public Map<String, String> labels() {
    Map<String, String> labels = new java.util.TreeMap<>();
    registration.path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
    return labels;
  }
}
