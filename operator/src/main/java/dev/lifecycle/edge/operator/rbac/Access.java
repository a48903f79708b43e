package dev.lifecycle.edge.operator.rbac;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One access the operator needs: verbs on a resource (or a subresource, {@code edgehosts/status}) of an
 * API group, where, and why.
 *
 * @param group the API group; {@code ""} for the core group
 * @param resource the plural resource name, with {@code /subresource} when it is one
 * @param verbs the verbs, never a wildcard
 * @param resourceName the one object the access is limited to, or null for any object
 * @param scope where the access is needed
 * @param reason why the operator makes these calls, in one line
 */
public record Access(String group, String resource, Set<Verb> verbs, String resourceName, AccessScope scope,
    String reason) {

  public Access {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(reason, "reason");
    if (verbs.isEmpty()) {
      throw new IllegalArgumentException("an access needs at least one verb: " + resource);
    }
    verbs = Set.copyOf(EnumSet.copyOf(verbs));
  }

  static Access of(String group, String resource, AccessScope scope, String reason, Verb... verbs) {
    return new Access(group, resource, Set.of(verbs), null, scope, reason);
  }

  /** The same access, limited to the one object of that name. */
  Access onlyNamed(String name) {
    return new Access(group, resource, verbs, name, scope, reason);
  }

  public Optional<String> onlyName() {
    return Optional.ofNullable(resourceName);
  }

  /** Whether this access allows the verb on the resource of the group, on the named object (null: unnamed). */
  public boolean allows(String group, String resource, Verb verb, String name) {
    return this.group.equals(group) && this.resource.equals(resource) && verbs.contains(verb)
        && (resourceName == null || resourceName.equals(name));
  }
}
