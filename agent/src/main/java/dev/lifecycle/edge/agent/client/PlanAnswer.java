package dev.lifecycle.edge.agent.client;

import dev.lifecycle.edge.wire.Plan;

/** What {@code GET /v1/plan} answered. */
public sealed interface PlanAnswer {

  /**
   * 200: the host's plan.
   *
   * @param plan the plan
   * @param json the plan exactly as the gateway sent it (for the hooks' {@code EDGE_PLAN_FILE})
   * @param etag the {@code ETag} to send back in {@code If-None-Match}
   */
  record Current(Plan plan, String json, String etag) implements PlanAnswer {
  }

  /**
   * 304: the plan named by {@code If-None-Match} is still the current one.
   *
   * @param waited the gateway held the request as a long poll, so the agent may ask again at once
   */
  record NotModified(boolean waited) implements PlanAnswer {
  }

  /**
   * 204: the host has no plan yet.
   *
   * @param waited the gateway held the request as a long poll, so the agent may ask again at once
   */
  record NoPlan(boolean waited) implements PlanAnswer {
  }
}
