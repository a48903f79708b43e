package dev.lifecycle.edge.operator.rbac;

/** Where the operator needs an access, and so which RBAC object of the chart grants it. */
public enum AccessScope {

  /** In every namespace the operator reconciles: a ClusterRole, or a Role in each of watchNamespaces. */
  WATCHED_NAMESPACES,

  /** In the leader-election namespace (the release namespace), only with {@code --leader-election}. */
  LEADER_ELECTION_NAMESPACE,

  /**
   * Granted to every authenticated user by Kubernetes' default {@code system:basic-user} ClusterRole:
   * the chart grants nothing for it.
   */
  EVERY_AUTHENTICATED_USER
}
