package dev.lifecycle.edge.oci;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Where credentials for a registry come from: a Docker config file, explicit values, nothing. */
@FunctionalInterface
public interface CredentialSource {

  /**
   * Credentials for a registry host as references name it ({@code docker.io}, {@code registry.example:5000}).
   * Asked only when the registry demands authentication, so an unusable entry fails only where it matters.
   */
  CredentialLookup lookup(String registry);

  /** Anonymous access everywhere. */
  static CredentialSource anonymous() {
    return registry -> new CredentialLookup.None("no credentials were configured");
  }

  /** Fixed credentials per registry host. */
  static CredentialSource of(Map<String, Credential> byRegistry) {
    Map<String, Credential> copy = Map.copyOf(byRegistry);
    return registry -> copy.containsKey(registry) ? new CredentialLookup.Found(copy.get(registry))
        : new CredentialLookup.None("no credentials were given for " + registry);
  }

  /**
   * The first source that knows the registry (explicit credentials before a config file, say); an unusable
   * entry counts as knowing it, so that its reason is not hidden by a later source.
   */
  static CredentialSource firstOf(List<CredentialSource> sources) {
    List<CredentialSource> copy = List.copyOf(sources);
    return registry -> {
      List<String> searched = new ArrayList<>();
      for (CredentialSource source : copy) {
        CredentialLookup lookup = source.lookup(registry);
        if (lookup instanceof CredentialLookup.None none) {
          searched.add(none.searched());
        } else {
          return lookup;
        }
      }
      return new CredentialLookup.None(searched.isEmpty() ? "no credentials were configured" : String.join("; ", searched));
    };
  }
}
