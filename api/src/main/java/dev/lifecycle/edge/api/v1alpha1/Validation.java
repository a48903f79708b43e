package dev.lifecycle.edge.api.v1alpha1;

/**
 * Regular expressions and CEL rules shared by several fields. Kept as constants so that the
 * annotations, the operator's own checks and the tests agree on one definition.
 *
 * <p>The expressions avoid backslashes (a literal dot is written {@code [.]}) so that they read the same
 * in Java, in the CRD YAML and inside a CEL string literal.
 *
 * <p>Format rules are CEL rules with a message rather than schema {@code pattern}s, because the API
 * server reports a failed pattern as the raw regular expression, which nobody can read.
 */
public final class Validation {

  /** Semantic Versioning 2.0.0, without a leading "v". */
  public static final String SEMVER_REGEX = "^(0|[1-9][0-9]*)[.](0|[1-9][0-9]*)[.](0|[1-9][0-9]*)"
      + "(-((0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)([.](0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
      + "([+]([0-9a-zA-Z-]+([.][0-9a-zA-Z-]+)*))?$";
  public static final String SEMVER_RULE = "self.matches('" + SEMVER_REGEX + "')";

  /** RFC 1123 label: what Kubernetes accepts as most object names and a host name's parts. */
  public static final String DNS1123_LABEL_REGEX = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
  public static final String DNS1123_LABEL_RULE = "self.matches('" + DNS1123_LABEL_REGEX + "')";

  /** RFC 1123 subdomain: dot-separated labels, at most 253 characters. */
  public static final String DNS1123_SUBDOMAIN_REGEX =
      "^[a-z0-9]([-a-z0-9]*[a-z0-9])?([.][a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
  public static final String DNS1123_SUBDOMAIN_RULE = "self.matches('" + DNS1123_SUBDOMAIN_REGEX + "')";

  /**
   * An image registry's host as an image reference names it: a name with a dot (registry.example.com), localhost,
   * or any name with a port (registry:5000); optionally with a port.
   */
  public static final String REGISTRY_HOST_REGEX = "(localhost(:[0-9]{1,5})?"
      + "|[a-z0-9]([-a-z0-9]*[a-z0-9])?([.][a-z0-9]([-a-z0-9]*[a-z0-9])?)+(:[0-9]{1,5})?"
      + "|[a-z0-9]([-a-z0-9]*[a-z0-9])?:[0-9]{1,5})";

  /** One path component of a repository name (lower-case, with ., _, __ or dashes between alphanumerics). */
  public static final String REPOSITORY_COMPONENT_REGEX = "[a-z0-9]+(([._]|__|-+)[a-z0-9]+)*";

  /**
   * What a registry mapping rule matches or maps to: a repository with its registry host
   * (docker.io/library/nginx), or a prefix ending in /* (docker.io/*, docker.io/bitnami/*). No tag or digest.
   */
  public static final String REPOSITORY_PATTERN_REGEX = "^" + REGISTRY_HOST_REGEX + "((/" + REPOSITORY_COMPONENT_REGEX
      + ")+|(/" + REPOSITORY_COMPONENT_REGEX + ")*/[*])$";

  /** A registry's endpoint: https://, its host (and port), nothing after. */
  public static final String REGISTRY_ENDPOINT_REGEX = "^https://" + REGISTRY_HOST_REGEX + "/?$";

  /** A Kubernetes duration such as 90s, 30m, 24h or 1h30m (a sequence of number-unit pairs). */
  public static final String DURATION_REGEX = "^([0-9]+([.][0-9]+)?(ms|s|m|h))+$";
  public static final String DURATION_RULE = "self.matches('" + DURATION_REGEX + "')";

  /** A time of day, HH:MM on a 24-hour clock. */
  public static final String TIME_OF_DAY_REGEX = "^([01][0-9]|2[0-3]):[0-5][0-9]$";

  /** The form of an IANA time zone name (Europe/Berlin, America/Argentina/Buenos_Aires, UTC); not whether it exists. */
  public static final String TIME_ZONE_REGEX = "^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$";

  /** An IPv4 address in dotted-quad form. */
  public static final String IPV4_REGEX =
      "^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])[.]){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$";
  public static final String IPV4_RULE = "self.matches('" + IPV4_REGEX + "')";

  /** An IPv4 network in CIDR notation, such as 10.42.0.0/16. */
  public static final String IPV4_CIDR_REGEX =
      "^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])[.]){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
          + "/(3[0-2]|[12]?[0-9])$";
  public static final String IPV4_CIDR_RULE = "self.matches('" + IPV4_CIDR_REGEX + "')";

  /** A machine id as agents report it (systemd machine-id, a serial number, a UUID). */
  public static final String MACHINE_ID_REGEX = "^[A-Za-z0-9][A-Za-z0-9._:-]*$";
  public static final String MACHINE_ID_RULE = "self.matches('" + MACHINE_ID_REGEX + "')";

  /** An RFC 3339 timestamp in UTC or with an offset, such as 2026-12-31T23:59:59Z. */
  public static final String TIMESTAMP_REGEX =
      "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$";
  public static final String TIMESTAMP_RULE = "self.matches('" + TIMESTAMP_REGEX + "')";

  /** A qualified label key: optional DNS-subdomain prefix and a name of at most 63 characters. */
  public static final String LABEL_KEY_REGEX = "^([a-z0-9]([-a-z0-9]*[a-z0-9])?([.][a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
      + "[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$";
  /** A label value: empty, or at most 63 alphanumerics with '-', '_' or '.' inside. */
  public static final String LABEL_VALUE_REGEX = "^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$";
  public static final String LABELS_RULE = "self.all(k, k.matches('" + LABEL_KEY_REGEX + "') && self[k].matches('"
      + LABEL_VALUE_REGEX + "'))";

  private Validation() {
  }
}
