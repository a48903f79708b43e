package dev.lifecycle.edge.site.api.clusters;

import dev.lifecycle.edge.site.api.ApiProblem;
import dev.lifecycle.edge.site.clusters.RequestRefused;

/** A refusal of the cluster services as the site API answers it: its status, code, sentence and each problem. */
public final class Refusals {

  private Refusals() {
  }

  public static ApiProblem problem(RequestRefused refused) {
    return ApiProblem.withProblems(refused.status(), refused.code(), refused.getMessage(), refused.problems());
  }
}
