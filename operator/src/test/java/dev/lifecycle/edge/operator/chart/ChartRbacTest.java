package dev.lifecycle.edge.operator.chart;

import static dev.lifecycle.edge.operator.chart.HelmChart.NAMESPACE;
import static dev.lifecycle.edge.operator.chart.HelmChart.RELEASE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.operator.chart.RbacGrants.Grant;
import dev.lifecycle.edge.operator.rbac.ApiAccess;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The chart's RBAC is exactly ApiAccess: no verb more, none fewer, nowhere a wildcard. */
class ChartRbacTest {

  private static final List<String> WATCHED = List.of("store-a", "store-b");

  private static HelmChart namespaced() {
    return HelmChart.withDefaults().set("watchNamespaces[0]", WATCHED.get(0)).set("watchNamespaces[1]", WATCHED.get(1));
  }

  private static Set<Grant> grantedToOperator(RenderedChart chart) {
    String serviceAccount = chart.deployment().getSpec().getTemplate().getSpec().getServiceAccountName();
    assertThat(serviceAccount).isEqualTo(RELEASE);
    return RbacGrants.granted(chart, serviceAccount, NAMESPACE);
  }

  @Test
  @DisplayName("When installed with the defaults, then the operator's ServiceAccount gets exactly ApiAccess in "
      + "every namespace, through one ClusterRole, and no Lease access")
  void defaultsGrantExactlyApiAccess() {
    RenderedChart chart = HelmChart.withDefaults().render();
    assertThat(grantedToOperator(chart))
        .containsExactlyElementsOf(RbacGrants.needed(ApiAccess.ALL, List.of(), NAMESPACE, false));
    assertThat(chart.all(ClusterRoleBinding.class)).singleElement()
        .satisfies(binding -> assertThat(binding.getRoleRef().getName()).isEqualTo(RELEASE));
    assertThat(chart.all(Role.class)).isEmpty();
  }

  @Test
  @DisplayName("When watchNamespaces is set, then the ServiceAccount gets exactly ApiAccess in those namespaces "
      + "only, through a Role in each, and nothing cluster-wide")
  void namespacedGrantsExactlyApiAccessInEach() {
    RenderedChart chart = namespaced().render();
    assertThat(grantedToOperator(chart))
        .containsExactlyElementsOf(RbacGrants.needed(ApiAccess.ALL, WATCHED, NAMESPACE, false));
    assertThat(chart.all(ClusterRoleBinding.class)).isEmpty();
    assertThat(chart.all(Role.class)).extracting(r -> r.getMetadata().getNamespace())
        .containsExactlyInAnyOrderElementsOf(WATCHED);
    assertThat(chart.all(RoleBinding.class)).extracting(r -> r.getMetadata().getNamespace())
        .containsExactlyInAnyOrderElementsOf(WATCHED);
  }

  @Test
  @DisplayName("When replicas > 1, then the ServiceAccount also gets the Lease access of leader election, in the "
      + "release namespace only, with get, update and patch limited to the lock's name")
  void highAvailabilityAddsTheLease() {
    RenderedChart chart = HelmChart.withDefaults().set("replicas", 3).render();
    assertThat(grantedToOperator(chart))
        .containsExactlyElementsOf(RbacGrants.needed(ApiAccess.ALL, List.of(), NAMESPACE, true));
    assertThat(grantedToOperator(chart)).filteredOn(g -> g.resource().equals("leases"))
        .extracting(Grant::namespace).containsOnly(NAMESPACE);

    RenderedChart both = namespaced().set("replicas", 2).render();
    assertThat(grantedToOperator(both))
        .containsExactlyElementsOf(RbacGrants.needed(ApiAccess.ALL, WATCHED, NAMESPACE, true));
  }

  @Test
  @DisplayName("When any values are rendered, then no rule of any Role or ClusterRole holds a wildcard group, "
      + "resource or verb")
  void noWildcards() {
    for (HelmChart values : List.of(HelmChart.withDefaults(), namespaced().set("replicas", 3))) {
      RenderedChart chart = values.render();
      Stream.concat(chart.all(ClusterRole.class).stream(), chart.all(Role.class).stream())
          .forEach(role -> assertThat(rulesOf(role)).allSatisfy(rule -> {
            assertThat(rule.getApiGroups()).as(role.getMetadata().getName()).doesNotContain("*");
            assertThat(rule.getResources()).as(role.getMetadata().getName()).noneMatch(r -> r.contains("*"));
            assertThat(rule.getVerbs()).as(role.getMetadata().getName()).doesNotContain("*");
            assertThat(rule.getNonResourceURLs()).as(role.getMetadata().getName()).isNullOrEmpty();
          }));
    }
  }

  @Test
  @DisplayName("When installed, then namespace users get the five kinds through the built-in edit, admin and "
      + "view roles: edit and admin manage them, view reads them, and neither writes status")
  void aggregatedRoles() {
    RenderedChart chart = HelmChart.withDefaults().render();
    List<String> kinds = List.of("clusterprofiles", "registrationtokens", "edgehosts", "edgeclusters",
        "imageregistries");

    ClusterRole edit = chart.one(ClusterRole.class, RELEASE + "-edit");
    assertThat(edit.getMetadata().getLabels())
        .containsEntry("rbac.authorization.k8s.io/aggregate-to-edit", "true")
        .containsEntry("rbac.authorization.k8s.io/aggregate-to-admin", "true");
    assertThat(edit.getRules()).singleElement().satisfies(rule -> {
      assertThat(rule.getApiGroups()).containsExactly("edge.lifecycle.dev");
      assertThat(rule.getResources()).containsExactlyInAnyOrderElementsOf(kinds);
      assertThat(rule.getVerbs()).containsExactlyInAnyOrder("get", "list", "watch", "create", "update", "patch",
          "delete", "deletecollection");
    });

    ClusterRole view = chart.one(ClusterRole.class, RELEASE + "-view");
    assertThat(view.getMetadata().getLabels()).containsEntry("rbac.authorization.k8s.io/aggregate-to-view", "true")
        .doesNotContainKey("rbac.authorization.k8s.io/aggregate-to-edit");
    assertThat(view.getRules()).singleElement().satisfies(rule -> {
      assertThat(rule.getResources()).containsExactlyInAnyOrderElementsOf(kinds);
      assertThat(rule.getVerbs()).containsExactlyInAnyOrder("get", "list", "watch");
    });
    assertThat(chart.all(ClusterRoleBinding.class)).noneMatch(b -> b.getRoleRef().getName().startsWith(RELEASE + "-"));

    RenderedChart without = HelmChart.withDefaults().set("rbac.aggregateToDefaultRoles", false).render();
    assertThat(without.find(ClusterRole.class, RELEASE + "-edit")).isEmpty();
    assertThat(without.find(ClusterRole.class, RELEASE + "-view")).isEmpty();
  }

  @Test
  @DisplayName("When rbac.create is false, then the chart renders no role or binding for the operator")
  void rbacCanBeLeftToTheAdministrator() {
    RenderedChart chart = HelmChart.withDefaults().set("rbac.create", false).set("replicas", 2).render();
    assertThat(RbacGrants.granted(chart, RELEASE, NAMESPACE)).isEmpty();
    assertThat(chart.find(ClusterRole.class, RELEASE)).isEmpty();
  }

  private static List<PolicyRule> rulesOf(HasMetadata role) {
    return role instanceof ClusterRole clusterRole ? clusterRole.getRules() : ((Role) role).getRules();
  }
}
