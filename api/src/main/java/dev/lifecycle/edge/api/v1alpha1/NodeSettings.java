package dev.lifecycle.edge.api.v1alpha1;

/**
 * Constants and rules shared by the node labels and taints of {@link ControlPlaneSpec} and {@link WorkersSpec}.
 */
final class NodeSettings {

  static final String LABELS_MESSAGE = "nodeLabels must be valid Kubernetes labels: keys like example.com/name, "
      + "values of at most 63 letters, digits, '-', '_' or '.'";
  static final String LABELS_DESCRIPTION = "Labels the Kubernetes node of each of these hosts gets when it joins "
      + "(k3s: --node-label); they travel in the host's plan and reach hooks as EDGE_NODE_LABELS. Changing them "
      + "changes the plans of hosts planned afterwards, and of every host at its next upgrade.";
  static final String TAINTS_DESCRIPTION = "Taints the Kubernetes node of each of these hosts gets when it joins "
      + "(k3s: --node-taint); they travel in the host's plan and reach hooks as EDGE_NODE_TAINTS. Changing them "
      + "changes the plans of hosts planned afterwards, and of every host at its next upgrade.";
  static final String TAINTS_UNIQUE_RULE = "self.all(t, self.exists_one(u, u.key == t.key && u.effect == t.effect))";
  static final String TAINTS_UNIQUE_MESSAGE = "nodeTaints must not repeat a key with the same effect";

  private NodeSettings() {
  }
}
