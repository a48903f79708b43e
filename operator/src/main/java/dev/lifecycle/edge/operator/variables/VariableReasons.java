package dev.lifecycle.edge.operator.variables;

/** Why a cluster's variables do not resolve: the Stalled reasons of an EdgeCluster (docs/troubleshooting.md). */
public final class VariableReasons {

  /** A layer refers to a variable the profile does not declare. */
  public static final String UNDECLARED = "VariableUndeclared";
  /** The cluster gives a value for a name its profile does not declare. */
  public static final String UNKNOWN = "VariableUnknown";
  /** A required variable without a default has no value. */
  public static final String REQUIRED = "VariableRequired";
  /** A value does not parse as the variable's type. */
  public static final String TYPE_MISMATCH = "VariableTypeMismatch";
  /** A string value does not match the variable's pattern. */
  public static final String PATTERN_MISMATCH = "VariablePatternMismatch";
  /** A sensitive variable is given as a literal value instead of from a Secret. */
  public static final String SENSITIVE_LITERAL = "SensitiveVariableLiteral";
  /** The Secret or key a value is read from does not exist (or the Secret lacks the label). */
  public static final String SECRET_MISSING = "VariableSecretMissing";

  private VariableReasons() {
  }
}
