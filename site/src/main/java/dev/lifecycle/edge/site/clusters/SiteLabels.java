package dev.lifecycle.edge.site.clusters;

import dev.lifecycle.edge.api.v1alpha1.ApiGroup;

/** The labels and annotations the site puts on the objects it makes, so that it finds them again. */
public final class SiteLabels {

  /** On an EdgeHost chosen for a cluster at the site: the cluster's name. The cluster's selectors match it. */
  public static final String CLUSTER = ApiGroup.GROUP + "/site-cluster";
  /** On an EdgeHost chosen for a cluster at the site: its role there, control-plane or worker. */
  public static final String ROLE = ApiGroup.GROUP + "/site-role";
  /** On an EdgeCluster: the digest of the definition it was created or last updated from. */
  public static final String DEFINITION = ApiGroup.GROUP + "/site-definition";
  /** On an EdgeCluster: the digest of the definition it ran before its last update (kept for a rollback). */
  public static final String PREVIOUS_DEFINITION = ApiGroup.GROUP + "/site-previous-definition";

  private SiteLabels() {
  }

  /** The Secret holding the values of a cluster's sensitive variables given at the site. */
  public static String variablesSecret(String cluster) {
    return cluster + "-site-variables";
  }
}
