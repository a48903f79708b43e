package dev.lifecycle.edge.operator.gateway.registration;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lifecycle.edge.api.v1alpha1.HostInventory;
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import dev.lifecycle.edge.wire.Inventory;
import dev.lifecycle.edge.wire.Json;
import dev.lifecycle.edge.wire.Plan;

/**
 * The API classes for what the wire records carry, and back: the records have the API's JSON shapes, so
 * Jackson maps one onto the other field by field. Absent stays absent.
 */
public final class WireToApi {

  private WireToApi() {
  }

  public static HostInventory inventory(Inventory inventory) {
    return inventory == null ? null : Json.strict().convertValue(inventory, HostInventory.class);
  }

  /**
   * The plan as the agent receives it, before the gateway adds what it reads from Secrets. The references to
   * Secrets of variables stay out: the agent gets their values, substituted into the layers.
   */
  public static Plan plan(HostPlan plan) {
    ObjectNode tree = Json.strict().valueToTree(plan);
    tree.remove("secretVariables");
    // The registries' credentials are a Secret's name here; the gateway puts the credentials in its answer.
    tree.path("registries").path("configs").forEach(config -> {
      if (config instanceof ObjectNode object) {
        object.remove("credentialsSecret");
      }
    });
    return Json.strict().convertValue(tree, Plan.class);
  }
}
