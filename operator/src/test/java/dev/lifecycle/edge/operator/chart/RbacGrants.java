package dev.lifecycle.edge.operator.chart;

import dev.lifecycle.edge.operator.rbac.Access;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a ServiceAccount may do, read from rendered RBAC objects by following its bindings to their
 * roles, one grant per namespace, group, resource, verb and resource name.
 */
final class RbacGrants {

  /** The namespace of a grant that holds in every namespace (a ClusterRoleBinding). */
  static final String EVERY_NAMESPACE = "*";

  /**
   * One permission.
   *
   * @param namespace where it holds, or {@value #EVERY_NAMESPACE}
   * @param resourceName the one object it is limited to, or "" for any
   */
  record Grant(String namespace, String group, String resource, String verb, String resourceName)
      implements Comparable<Grant> {

    @Override
    public int compareTo(Grant other) {
      return toString().compareTo(other.toString());
    }
  }

  private RbacGrants() {
  }

  /** What the chart's bindings give the ServiceAccount. */
  static Set<Grant> granted(RenderedChart chart, String serviceAccount, String serviceAccountNamespace) {
    Set<Grant> grants = new TreeSet<>();
    for (ClusterRoleBinding binding : chart.all(ClusterRoleBinding.class)) {
      if (binds(binding.getSubjects(), serviceAccount, serviceAccountNamespace)) {
        add(grants, EVERY_NAMESPACE, rulesOf(chart, binding.getRoleRef(), null));
      }
    }
    for (RoleBinding binding : chart.all(RoleBinding.class)) {
      if (binds(binding.getSubjects(), serviceAccount, serviceAccountNamespace)) {
        String namespace = binding.getMetadata().getNamespace();
        add(grants, namespace, rulesOf(chart, binding.getRoleRef(), namespace));
      }
    }
    return grants;
  }

  /** What ApiAccess says the operator needs, laid out the way the chart's values place it. */
  static Set<Grant> needed(List<Access> accesses, List<String> watchNamespaces, String releaseNamespace,
      boolean leaderElection) {
    Set<Grant> grants = new TreeSet<>();
    for (Access access : accesses) {
      List<String> namespaces = switch (access.scope()) {
        case WATCHED_NAMESPACES -> watchNamespaces.isEmpty() ? List.of(EVERY_NAMESPACE) : watchNamespaces;
        case LEADER_ELECTION_NAMESPACE -> leaderElection ? List.of(releaseNamespace) : List.of();
        case EVERY_AUTHENTICATED_USER -> List.of();
      };
      for (String namespace : namespaces) {
        access.verbs().forEach(verb -> grants.add(new Grant(namespace, access.group(), access.resource(),
            verb.rbacName(), access.onlyName().orElse(""))));
      }
    }
    return grants;
  }

  private static boolean binds(List<Subject> subjects, String serviceAccount, String namespace) {
    return subjects != null && subjects.stream().anyMatch(s -> "ServiceAccount".equals(s.getKind())
        && serviceAccount.equals(s.getName()) && namespace.equals(s.getNamespace()));
  }

  private static List<PolicyRule> rulesOf(RenderedChart chart, RoleRef ref, String namespace) {
    if ("ClusterRole".equals(ref.getKind())) {
      return chart.one(ClusterRole.class, ref.getName()).getRules();
    }
    return chart.all(Role.class).stream()
        .filter(role -> role.getMetadata().getName().equals(ref.getName())
            && role.getMetadata().getNamespace().equals(namespace))
        .findFirst()
        .orElseThrow(() -> new AssertionError("RoleBinding in " + namespace + " refers to Role " + ref.getName()
            + ", which the chart does not render there"))
        .getRules();
  }

  private static void add(Set<Grant> grants, String namespace, List<PolicyRule> rules) {
    for (PolicyRule rule : rules) {
      List<String> names = rule.getResourceNames() == null || rule.getResourceNames().isEmpty() ? List.of("")
          : rule.getResourceNames();
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          for (String verb : rule.getVerbs()) {
            for (String name : names) {
              grants.add(new Grant(namespace, group, resource, verb, name));
            }
          }
        }
      }
    }
  }
}
