package dev.lifecycle.edge.operator.registry;

/**
 * Why a registry cannot be used: the Stalled reasons of an ImageRegistry and of every EdgeCluster that names it
 * (docs/troubleshooting.md).
 */
public final class RegistryReasons {

  /** The registry passed every check. */
  public static final String USABLE = "RegistryUsable";
  /** The cluster's spec.registryRef names no ImageRegistry of its namespace. */
  public static final String NOT_FOUND = "RegistryNotFound";
  /** The credentials Secret does not exist, or lacks the label the watches select. */
  public static final String CREDENTIALS_MISSING = "RegistryCredentialsMissing";
  /** The credentials Secret is of another type, lacks its keys, or has no entry for the registry's host. */
  public static final String CREDENTIALS_INVALID = "RegistryCredentialsInvalid";
  /** The CA is not PEM certificates, or its Secret or key is missing. */
  public static final String CA_INVALID = "RegistryCaInvalid";
  /** A rule cannot be read, maps onto another host, or two rules disagree on a reference both match. */
  public static final String RULES_INVALID = "RegistryRulesInvalid";

  private RegistryReasons() {
  }
}
