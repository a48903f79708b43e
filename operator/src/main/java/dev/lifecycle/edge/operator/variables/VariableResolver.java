package dev.lifecycle.edge.operator.variables;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.lifecycle.edge.api.v1alpha1.ChartReference;
import dev.lifecycle.edge.api.v1alpha1.ClusterVariable;
import dev.lifecycle.edge.api.v1alpha1.ProfileLayer;
import dev.lifecycle.edge.api.v1alpha1.ProfileVariable;
import dev.lifecycle.edge.api.v1alpha1.SecretKeyReference;
import dev.lifecycle.edge.api.v1alpha1.VariableType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Resolves a profile's variables for one cluster, pure: the declarations, the values the cluster gives
 * and the Secret values they name in, the layers with their references substituted out, or the first
 * problem, naming the variable.
 *
 * <p>Values from Secrets are checked like any other but never substituted here: the layers keep their
 * references, since they go into status, and the gateway puts the values into the plan it serves. The
 * digest covers every value, Secret values included, keyed (HMAC-SHA256) so that a short secret cannot be
 * recovered from the digest status shows by trying candidates.
 */
public final class VariableResolver {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern NUMBER = Pattern.compile(ProfileVariable.NUMBER_REGEX);
  private static final int DIGEST_HEX = 16;

  private VariableResolver() {
  }

  /** What a Secret key holds, as far as the reader can see it. */
  public sealed interface SecretValue {
  }

  /** The key's value. */
  public record Found(String value) implements SecretValue {
    @Override
    public String toString() {
      return "Found[value hidden]";
    }
  }

  /** Nothing to read: why, for a person (never a value). */
  public record Missing(String why) implements SecretValue {
  }

  /** The outcome of resolving. */
  public sealed interface Outcome {
  }

  /**
   * The layers with the values that may be written into status substituted.
   *
   * @param layers copies of the profile's layers
   * @param digest a digest of every value, or null when the profile declares no variable
   * @param secretDigests a digest of each value read from a Secret, by variable name
   */
  public record Resolved(List<ProfileLayer> layers, String digest, Map<String, String> secretDigests)
      implements Outcome {
  }

  /**
   * Why the variables do not resolve.
   *
   * @param reason one of {@link VariableReasons}
   * @param variable the variable at fault
   * @param message for a person; holds no value read from a Secret
   */
  public record Refused(String reason, String variable, String message) implements Outcome {
  }

  /**
   * @param declared the profile's variables
   * @param given the cluster's values
   * @param secrets what each referenced Secret key holds
   * @param layers the profile's layers
   * @param digestKey the key of the digest (the cluster's join secret)
   */
  public static Outcome resolve(List<ProfileVariable> declared, List<ClusterVariable> given,
      Function<SecretKeyReference, SecretValue> secrets, List<ProfileLayer> layers, byte[] digestKey) {
    Map<String, ProfileVariable> declarations = new LinkedHashMap<>();
    nonNull(declared).forEach(v -> declarations.put(v.getName(), v));
    Map<String, ClusterVariable> values = new LinkedHashMap<>();
    nonNull(given).forEach(v -> values.put(v.getName(), v));

    Set<String> referenced = new TreeSet<>();
    nonNull(layers).forEach(l -> referenced.addAll(VariableSyntax.references(MAPPER.valueToTree(l.getValues()))));
    for (String name : referenced) {
      if (!declarations.containsKey(name)) {
        return new Refused(VariableReasons.UNDECLARED, name, "a layer of the profile refers to ${vars." + name
            + "}, which the profile does not declare in spec.variables; declare it in a new profile version, or "
            + "write $${vars." + name + "} for the literal text");
      }
    }
    for (String name : values.keySet()) {
      if (!declarations.containsKey(name)) {
        return new Refused(VariableReasons.UNKNOWN, name, "spec.variables gives a value for " + name
            + ", which the profile does not declare (it declares: "
            + (declarations.isEmpty() ? "none" : String.join(", ", declarations.keySet())) + ")");
      }
    }

    Map<String, JsonNode> substituted = new TreeMap<>();
    Map<String, String> digested = new TreeMap<>();
    Map<String, String> secretDigests = new TreeMap<>();
    for (ProfileVariable variable : declarations.values()) {
      String name = variable.getName();
      ClusterVariable value = values.get(name);
      boolean fromSecret = value != null && value.getValueFrom() != null;
      String text;
      if (value == null) {
        if (variable.getDefaultValue() == null && variable.isRequired()) {
          return new Refused(VariableReasons.REQUIRED, name, "variable " + name + " is required and has no "
              + "default: give it in spec.variables" + (variable.isSensitive() ? " with valueFrom.secretKeyRef" : ""));
        }
        text = variable.getDefaultValue();
      } else if (!fromSecret) {
        if (variable.isSensitive()) {
          return new Refused(VariableReasons.SENSITIVE_LITERAL, name, "variable " + name + " is sensitive: give "
              + "it with valueFrom.secretKeyRef from a Secret, not as a literal value (the literal is not used; "
              + "remove it from the EdgeCluster, where anyone who reads the cluster can see it)");
        }
        text = value.getValue();
      } else {
        SecretKeyReference ref = value.getValueFrom().getSecretKeyRef();
        SecretValue read = ref == null ? new Missing("valueFrom names no secretKeyRef") : secrets.apply(ref);
        if (read instanceof Missing missing) {
          return new Refused(VariableReasons.SECRET_MISSING, name, "the value of variable " + name
              + " cannot be read: " + missing.why());
        }
        text = ((Found) read).value();
      }
      Optional<Refused> wrong = check(variable, text, fromSecret);
      if (wrong.isPresent()) {
        return wrong.get();
      }
      digested.put(name, variable.effectiveType() + "\u0000" + (text == null ? "\u0001" : text));
      if (fromSecret) {
        secretDigests.put(name, digest(Map.of(name, text), digestKey));
      } else {
        substituted.put(name, typed(variable.effectiveType(), text));
      }
    }
    List<ProfileLayer> resolved = nonNull(layers).stream().map(l -> substitute(l, substituted)).toList();
    return new Resolved(resolved, declarations.isEmpty() ? null : digest(digested, digestKey), secretDigests);
  }

  /** The profile version hosts are told, with the digest of the values as build metadata: 1.2.0+vars.0a1b.... */
  public static String version(String profileVersion, String digest) {
    if (digest == null) {
      return profileVersion;
    }
    return profileVersion + (profileVersion.contains("+") ? "." : "+") + "vars." + digest;
  }

  /** Whether a version names values ({@link #version}), and so is not a profile's own version. */
  public static boolean hasValues(String version) {
    return version != null && version.matches(".*[+.]vars\\.[0-9a-f]{" + DIGEST_HEX + "}$");
  }

  /** The profile's own version of a {@link #version}. */
  public static String profileVersion(String version) {
    return hasValues(version) ? version.substring(0, version.length() - DIGEST_HEX - ".vars.".length()) : version;
  }

  private static Optional<Refused> check(ProfileVariable variable, String text, boolean fromSecret) {
    if (text == null) {
      return Optional.empty();
    }
    String name = variable.getName();
    // A value read from a Secret is never quoted back: the message may reach status and Events.
    String shown = fromSecret ? "the value in its Secret" : "'" + text + "'";
    switch (variable.effectiveType()) {
      case NUMBER -> {
        if (!NUMBER.matcher(text).matches()) {
          return Optional.of(new Refused(VariableReasons.TYPE_MISMATCH, name, "variable " + name + " is a number, "
              + "and " + shown + " is not one (write digits, with an optional sign and fraction, such as 42 or -1.5)"));
        }
      }
      case BOOLEAN -> {
        if (!text.equals("true") && !text.equals("false")) {
          return Optional.of(new Refused(VariableReasons.TYPE_MISMATCH, name, "variable " + name + " is a boolean, "
              + "and " + shown + " is neither true nor false"));
        }
      }
      case STRING -> {
        if (variable.getPattern() != null) {
          boolean matches;
          try {
            matches = Pattern.compile(variable.getPattern()).matcher(text).matches();
          } catch (PatternSyntaxException e) {
            return Optional.of(new Refused(VariableReasons.PATTERN_MISMATCH, name, "variable " + name
                + " has a pattern that is not a valid regular expression: " + e.getDescription()));
          }
          if (!matches) {
            return Optional.of(new Refused(VariableReasons.PATTERN_MISMATCH, name, "variable " + name + ": "
                + shown + " does not match the pattern " + variable.getPattern()));
          }
        }
      }
    }
    return Optional.empty();
  }

  private static JsonNode typed(VariableType type, String text) {
    if (text == null) {
      return NullNode.getInstance();
    }
    return switch (type) {
      case NUMBER -> text.contains(".") ? DecimalNode.valueOf(new BigDecimal(text)) : integral(text);
      case BOOLEAN -> BooleanNode.valueOf(Boolean.parseBoolean(text));
      case STRING -> TextNode.valueOf(text);
    };
  }

  private static JsonNode integral(String text) {
    // As a parser reads the number written in YAML: an int when it fits, else a long, else a big decimal.
    try {
      long value = Long.parseLong(text);
      return value == (int) value ? IntNode.valueOf((int) value) : LongNode.valueOf(value);
    } catch (NumberFormatException tooLarge) {
      return DecimalNode.valueOf(new BigDecimal(text));
    }
  }

  @SuppressWarnings("unchecked")
  private static ProfileLayer substitute(ProfileLayer layer, Map<String, JsonNode> values) {
    ProfileLayer copy = new ProfileLayer(layer.getName(), layer.getType(), layer.getVersion());
    copy.setImage(layer.getImage());
    if (layer.getChart() != null) {
      copy.setChart(MAPPER.convertValue(layer.getChart(), ChartReference.class));
    }
    if (layer.getValues() != null) {
      JsonNode done = VariableSyntax.substitute(MAPPER.valueToTree(layer.getValues()),
          name -> Optional.ofNullable(values.get(name)), false);
      copy.setValues(MAPPER.convertValue(done, Map.class));
    }
    return copy;
  }

  private static String digest(Map<String, String> values, byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      values.forEach((name, value) -> {
        mac.update(name.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        mac.update(value.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) '\n');
      });
      return HexFormat.of().formatHex(mac.doFinal()).substring(0, DIGEST_HEX);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  private static <T> List<T> nonNull(List<T> list) {
    return list == null ? List.of() : list.stream().filter(Objects::nonNull).toList();
  }
}
