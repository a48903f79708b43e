package dev.lifecycle.edge.operator.registry;

import dev.lifecycle.edge.api.v1alpha1.ImageRegistry;
import dev.lifecycle.edge.api.v1alpha1.ImageRegistrySpec;
import dev.lifecycle.edge.api.v1alpha1.PlanRegistries;
import dev.lifecycle.edge.api.v1alpha1.SecretKeyReference;
import dev.lifecycle.edge.operator.variables.VariableSecrets;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Judges an ImageRegistry with the Secrets it names: usable (its rules, the plans' registry settings, and for the
 * installer's user-data its credentials), or refused with the reason and a message naming what is wrong. Pure: the
 * Secrets come from the caller's watch.
 */
public final class RegistryResolver {

  /** What judging a registry gives. */
  public sealed interface Outcome permits Usable, Refused {
  }

  /**
   * A registry that can be used.
   *
   * @param endpoint the registry's URL, without a trailing slash
   * @param host its host and port, as image references and k3s's configs name it
   * @param rules its mapping rules
   * @param caPem its CA (PEM), or null
   * @param credentials its credentials, if it has any; only user-data carries them, never a status
   * @param credentialsSecret the name of the Secret holding them, or null
   */
  public record Usable(String endpoint, String host, RegistryRules rules, String caPem,
      Optional<RegistryCredentials.Found> credentials, String credentialsSecret) implements Outcome {

    /** The registry settings every plan carries: mirrors with rewrites, and the CA and credentials' Secret name. */
    public PlanRegistries planRegistries() {
      PlanRegistries registries = new PlanRegistries();
      registries.setMirrors(rules.mirrors(endpoint));
      if (caPem != null || credentialsSecret != null) {
        Map<String, PlanRegistries.Config> configs = new LinkedHashMap<>();
        configs.put(host, new PlanRegistries.Config(caPem, credentialsSecret));
        registries.setConfigs(configs);
      }
      return registries;
    }
  }

  /**
   * @param reason a {@link RegistryReasons} constant
   * @param message what is wrong, naming the registry and the Secret, key or rule; never a value
   */
  public record Refused(String reason, String message) implements Outcome {
  }

  private RegistryResolver() {
  }

  /**
   * @param registry the registry
   * @param secrets the labelled Secrets of its namespace, by name (the watch's view)
   * @param anySecret any Secret of its namespace by name, only to tell a missing label from a missing Secret
   */
  public static Outcome resolve(ImageRegistry registry, Function<String, Optional<Secret>> secrets,
      Function<String, Optional<Secret>> anySecret) {
    String name = "ImageRegistry " + registry.getMetadata().getName();
    ImageRegistrySpec spec = registry.getSpec();
    if (spec == null || spec.getEndpoint() == null || !spec.getEndpoint().startsWith("https://")) {
      return new Refused(RegistryReasons.RULES_INVALID, name + " has no https:// endpoint");
    }
    String endpoint = spec.getEndpoint().endsWith("/")
        ? spec.getEndpoint().substring(0, spec.getEndpoint().length() - 1) : spec.getEndpoint();
    String host = endpoint.substring("https://".length());
    RegistryRules rules;
    try {
      rules = RegistryRules.of(spec.getRules());
    } catch (IllegalArgumentException e) {
      return new Refused(RegistryReasons.RULES_INVALID, name + ": " + e.getMessage());
    }
    if (spec.getRules().isEmpty()) {
      return new Refused(RegistryReasons.RULES_INVALID, name + " has no rules: it would serve no image");
    }
    Optional<String> elsewhere = rules.rules().stream().filter(r -> !r.toRegistry().equals(host))
        .map(r -> "rule " + r.from() + " maps onto " + r.toRegistry() + ", not the endpoint's host " + host)
        .findFirst();
    if (elsewhere.isPresent()) {
      return new Refused(RegistryReasons.RULES_INVALID, name + ": " + elsewhere.get());
    }
    List<String> conflicts = rules.conflicts();
    if (!conflicts.isEmpty()) {
      return new Refused(RegistryReasons.RULES_INVALID, name + ": " + conflicts.get(0));
    }
    String caPem = null;
    if (spec.getCa() != null) {
      SecretKeyReference ref = spec.getCa().getSecretKeyRef();
      if (ref != null) {
        Optional<Secret> secret = secrets.apply(ref.getName());
        if (secret.isEmpty()) {
          return new Refused(RegistryReasons.CA_INVALID, name + ": " + missing(ref.getName(), anySecret));
        }
        Optional<String> value = VariableSecrets.valueOf(secret.get(), ref.getKey());
        if (value.isEmpty()) {
          return new Refused(RegistryReasons.CA_INVALID, name + ": Secret " + ref.getName() + " has no key "
              + ref.getKey());
        }
        caPem = value.get();
      } else {
        caPem = spec.getCa().getPem();
      }
      Optional<String> problem = CaCertificates.problem(caPem);
      if (problem.isPresent()) {
        return new Refused(RegistryReasons.CA_INVALID, name + ": its CA cannot be used: " + problem.get());
      }
    }
    if (spec.getCredentialsSecretRef() == null || spec.getCredentialsSecretRef().getName() == null) {
      return new Usable(endpoint, host, rules, caPem, Optional.empty(), null);
    }
    String secretName = spec.getCredentialsSecretRef().getName();
    Optional<Secret> secret = secrets.apply(secretName);
    if (secret.isEmpty()) {
      return new Refused(RegistryReasons.CREDENTIALS_MISSING, name + ": " + missing(secretName, anySecret));
    }
    RegistryCredentials.Outcome credentials = RegistryCredentials.read(secret.get(), host);
    if (credentials instanceof RegistryCredentials.Invalid invalid) {
      return new Refused(RegistryReasons.CREDENTIALS_INVALID, name + ": " + invalid.message());
    }
    return new Usable(endpoint, host, rules, caPem, Optional.of((RegistryCredentials.Found) credentials), secretName);
  }

  private static String missing(String secret, Function<String, Optional<Secret>> anySecret) {
    return anySecret.apply(secret).map(s -> "Secret " + secret + " exists but lacks the label " + VariableSecrets.LABEL
        + "; add it (any value) so the operator and the gateway can read it")
        .orElse("Secret " + secret + " does not exist in the namespace");
  }
}
