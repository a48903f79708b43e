package dev.lifecycle.edge.operator.rbac;

import static dev.lifecycle.edge.operator.rbac.AccessScope.EVERY_AUTHENTICATED_USER;
import static dev.lifecycle.edge.operator.rbac.AccessScope.LEADER_ELECTION_NAMESPACE;
import static dev.lifecycle.edge.operator.rbac.AccessScope.WATCHED_NAMESPACES;
import static dev.lifecycle.edge.operator.rbac.Verb.CREATE;
import static dev.lifecycle.edge.operator.rbac.Verb.GET;
import static dev.lifecycle.edge.operator.rbac.Verb.LIST;
import static dev.lifecycle.edge.operator.rbac.Verb.PATCH;
import static dev.lifecycle.edge.operator.rbac.Verb.UPDATE;
import static dev.lifecycle.edge.operator.rbac.Verb.WATCH;

import java.util.List;

/**
 * Every call the operator (reconcilers, gateway, java-operator-sdk and fabric8 on their behalf) makes
 * to the Kubernetes API, and nothing more: the single source of the chart's RBAC. The chart's rules
 * are held equal to this list by a test, and an integration test runs the operator and the gateway
 * through a whole lifecycle and checks that each request it made is allowed here.
 *
 * <p>The operator never deletes: a token's Secret goes with its token through its owner reference
 * (Kubernetes' garbage collector), and a deleted cluster's hosts are released, not deleted. It never
 * reads the CRDs, namespaces or any other kind.
 */
public final class ApiAccess {

  /** The API group of the four kinds. */
  public static final String EDGE = "edge.lifecycle.dev";
  /** The core API group (Secrets, Events). */
  public static final String CORE = "";
  public static final String COORDINATION = "coordination.k8s.io";
  public static final String AUTHORIZATION = "authorization.k8s.io";
  /** The Lease the replicas elect their leader with, in the leader-election namespace. */
  public static final String LEASE_NAME = "edge-operator-lock";

  /** The list. */
  public static final List<Access> ALL = List.of(
      Access.of(EDGE, "clusterprofiles", WATCHED_NAMESPACES, "informers: the ClusterProfile reconciler's, and the "
          + "EdgeCluster reconciler's (a profile change wakes the clusters that pin it)", LIST, WATCH),
      Access.of(EDGE, "clusterprofiles", WATCHED_NAMESPACES, "java-operator-sdk adds and removes the finalizer that "
          + "holds a profile in use (JSON patch)", PATCH),
      Access.of(EDGE, "clusterprofiles", WATCHED_NAMESPACES, "java-operator-sdk reads a profile again when its "
          + "finalizer patch meets a conflict", GET),
      Access.of(EDGE, "clusterprofiles/status", WATCHED_NAMESPACES, "the ClusterProfile reconciler writes phase, "
          + "usedBy and conditions (optimistic locking)", UPDATE),

      Access.of(EDGE, "registrationtokens", WATCHED_NAMESPACES, "informers: the RegistrationToken reconciler's, and "
          + "the gateway's (it finds a token by the hash of its value)", LIST, WATCH),
      Access.of(EDGE, "registrationtokens", WATCHED_NAMESPACES, "the gateway reads a token again when raising "
          + "its registrations meets a conflict", GET),
      Access.of(EDGE, "registrationtokens/status", WATCHED_NAMESPACES, "the RegistrationToken reconciler writes "
          + "phase, registrations, expiry, secretName, tokenHash and conditions; the gateway raises registrations "
          + "before it registers a machine new to a limited token", UPDATE),

      Access.of(EDGE, "edgehosts", WATCHED_NAMESPACES, "informers: the EdgeHost reconciler's, the RegistrationToken "
          + "reconciler's (counts registrations), the EdgeCluster reconciler's (claims hosts), the gateway's",
          LIST, WATCH),
      Access.of(EDGE, "edgehosts", WATCHED_NAMESPACES, "the gateway creates the EdgeHost of a machine that registers "
          + "for the first time", CREATE),
      Access.of(EDGE, "edgehosts", WATCHED_NAMESPACES, "a status write that meets a conflict reads the host again "
          + "(three parties write an EdgeHost's status); a rollout reads a host it moved when the cache is behind",
          GET),
      Access.of(EDGE, "edgehosts/status", WATCHED_NAMESPACES, "the gateway (the agent's facts), the EdgeHost "
          + "reconciler (phase, conditions) and the EdgeCluster reconciler (claim, plan, release)", UPDATE),

      Access.of(EDGE, "edgeclusters", WATCHED_NAMESPACES, "informers: the EdgeCluster reconciler's, and the "
          + "ClusterProfile reconciler's (status.usedBy)", LIST, WATCH),
      Access.of(EDGE, "edgeclusters", WATCHED_NAMESPACES, "java-operator-sdk adds and removes the finalizer that "
          + "releases a deleted cluster's hosts (JSON patch)", PATCH),
      Access.of(EDGE, "edgeclusters", WATCHED_NAMESPACES, "java-operator-sdk reads a cluster again when its "
          + "finalizer patch meets a conflict", GET),
      Access.of(EDGE, "edgeclusters/status", WATCHED_NAMESPACES, "the EdgeCluster reconciler writes phase, hosts, "
          + "ready counts, profileVersion and conditions", UPDATE),

      Access.of(EDGE, "imageregistries", WATCHED_NAMESPACES, "informers: the ImageRegistry reconciler's, the "
          + "EdgeCluster reconciler's (a registry's rules and settings go into its clusters' plans) and the "
          + "RegistrationToken reconciler's (the user-data carries the registry)", LIST, WATCH),
      Access.of(EDGE, "imageregistries/status", WATCHED_NAMESPACES, "the ImageRegistry reconciler writes phase and "
          + "conditions", UPDATE),

      Access.of(CORE, "secrets", WATCHED_NAMESPACES, "informers of the token Secrets (label-selected, "
          + "app.kubernetes.io/managed-by=edge-operator) and of the clusters' join secrets (label-selected, "
          + "edge.lifecycle.dev/join-secret-of; the EdgeCluster reconciler's and the gateway's, which hands them "
          + "out in plans), and of the Secrets profile variables read values from (label-selected, "
          + "edge.lifecycle.dev/variables; the EdgeCluster reconciler's and the gateway's, which puts the values "
          + "in plans); RBAC cannot narrow a list by label", LIST, WATCH),
      Access.of(CORE, "secrets", WATCHED_NAMESPACES, "a RegistrationToken's Secret (token, installer user-data), "
          + "owned by the token, and an EdgeCluster's join secret, owned by the cluster; each deleted with its "
          + "owner by the garbage collector", CREATE),
      Access.of(CORE, "secrets", WATCHED_NAMESPACES, "re-render user-data when a token's spec.userData changes, or "
          + "re-issue the token a Secret lost; adopt a join secret put back without its label or owner", UPDATE),
      Access.of(CORE, "secrets", WATCHED_NAMESPACES, "a Secret create that meets 409 reads the Secret of that name, "
          + "to adopt it or report a conflict; a cluster whose join secret is missing from the cache reads it "
          + "once by name; a variable's Secret missing from the cache is read by name to say whether it lacks "
          + "its label", GET),
      Access.of(CORE, "events", WATCHED_NAMESPACES, "core/v1 Events on transitions; each is a new Event, never "
          + "patched or updated", CREATE),

      // Leader election (--leader-election, the chart with replicas > 1): java-operator-sdk's LeaderElectionManager
      // runs fabric8's LeaseLock on the Lease edge-operator-lock in --leader-election-namespace (the release
      // namespace). LeaderElectionAccessIT runs that lock and proves these are its calls; the chart grants them
      // in a Role of the release namespace only, and ChartLeaseAccessIT shows java-operator-sdk's own pre-flight
      // check accepting that Role (and refusing it without update).
      Access.of(COORDINATION, "leases", LEADER_ELECTION_NAMESPACE, "the first replica to run for leader creates "
          + "the Lease (a create cannot be limited to a name)", CREATE),
      Access.of(COORDINATION, "leases", LEADER_ELECTION_NAMESPACE, "fabric8's LeaseLock reads the Lease and "
          + "renews or takes it with a JSON merge patch", GET, PATCH).onlyNamed(LEASE_NAME),
      Access.of(COORDINATION, "leases", LEADER_ELECTION_NAMESPACE, "never called, but java-operator-sdk refuses to "
          + "start leader election unless its SelfSubjectRulesReview shows it", UPDATE).onlyNamed(LEASE_NAME),
      Access.of(AUTHORIZATION, "selfsubjectrulesreviews", EVERY_AUTHENTICATED_USER, "java-operator-sdk checks the "
          + "Lease verbs before it runs for leader", CREATE));

  private ApiAccess() {
  }

  /** Whether some access of the scope allows the verb on the (sub)resource, on the named object (null: unnamed). */
  public static boolean allows(AccessScope scope, String group, String resource, Verb verb, String name) {
    return ALL.stream().anyMatch(access -> access.scope() == scope && access.allows(group, resource, verb, name));
  }
}
