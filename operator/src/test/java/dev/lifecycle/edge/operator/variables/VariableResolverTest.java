package dev.lifecycle.edge.operator.variables;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.lifecycle.edge.api.v1alpha1.ClusterVariable;
import dev.lifecycle.edge.api.v1alpha1.LayerType;
import dev.lifecycle.edge.api.v1alpha1.ProfileLayer;
import dev.lifecycle.edge.api.v1alpha1.ProfileVariable;
import dev.lifecycle.edge.api.v1alpha1.SecretKeyReference;
import dev.lifecycle.edge.api.v1alpha1.VariableType;
import dev.lifecycle.edge.operator.variables.VariableResolver.Found;
import dev.lifecycle.edge.operator.variables.VariableResolver.Missing;
import dev.lifecycle.edge.operator.variables.VariableResolver.Outcome;
import dev.lifecycle.edge.operator.variables.VariableResolver.Refused;
import dev.lifecycle.edge.operator.variables.VariableResolver.Resolved;
import dev.lifecycle.edge.operator.variables.VariableResolver.SecretValue;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class VariableResolverTest {

  private static final byte[] KEY = "join-secret-of-the-cluster".getBytes(StandardCharsets.UTF_8);
  private static final SecretKeyReference DB = new SecretKeyReference("store-secrets", "dbPassword");

  private static ProfileVariable variable(String name, VariableType type) {
    return new ProfileVariable(name, type);
  }

  private static ProfileVariable required(String name, VariableType type) {
    ProfileVariable v = variable(name, type);
    v.setRequired(true);
    return v;
  }

  private static ProfileVariable sensitive(String name) {
    ProfileVariable v = required(name, VariableType.STRING);
    v.setSensitive(true);
    return v;
  }

  private static ProfileLayer layer(Map<String, Object> values) {
    ProfileLayer layer = new ProfileLayer("k3s", LayerType.KUBERNETES, "1.30.2");
    layer.setImage("registry.example.com/k3s:1.30.2");
    layer.setValues(values);
    return layer;
  }

  private static Map<String, Object> values(Object... pairs) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }

  private static Outcome resolve(List<ProfileVariable> declared, List<ClusterVariable> given, Map<String, Object> layerValues) {
    return resolve(declared, given, layerValues, ref -> new Found("s3cr3t-value"));
  }

  private static Outcome resolve(List<ProfileVariable> declared, List<ClusterVariable> given,
      Map<String, Object> layerValues, Function<SecretKeyReference, SecretValue> secrets) {
    return VariableResolver.resolve(declared, given, secrets, List.of(layer(layerValues)), KEY);
  }

  private static Refused refused(Outcome outcome) {
    assertThat(outcome).isInstanceOf(Refused.class);
    return (Refused) outcome;
  }

  private static Map<String, Object> resolvedValues(Outcome outcome) {
    assertThat(outcome).isInstanceOf(Resolved.class);
    return ((Resolved) outcome).layers().get(0).getValues();
  }

  @Test
  @DisplayName("When values are given, then references are substituted: whole references typed, embedded ones as text")
  void substitutes() {
    Outcome outcome = resolve(
        List.of(required("storeId", VariableType.STRING), variable("replicas", VariableType.NUMBER),
            variable("debug", VariableType.BOOLEAN)),
        List.of(new ClusterVariable("storeId", "0042"), new ClusterVariable("replicas", "3"),
            new ClusterVariable("debug", "true")),
        values("nodeName", "store-${vars.storeId}-cp", "id", "${vars.storeId}", "replicas", "${vars.replicas}",
            "nested", Map.of("debug", "${vars.debug}", "list", List.of("a-${vars.replicas}"))));
    Map<String, Object> values = resolvedValues(outcome);
    assertThat(values).containsEntry("nodeName", "store-0042-cp").containsEntry("id", "0042")
        .containsEntry("replicas", 3);
    assertThat(values.get("nested")).isEqualTo(Map.of("debug", true, "list", List.of("a-3")));
  }

  @Test
  @DisplayName("When a variable has a default and no value, then the default is used; an optional one without is empty")
  void defaults() {
    ProfileVariable region = variable("region", VariableType.STRING);
    region.setDefaultValue("eu-west");
    Outcome outcome = resolve(List.of(region, variable("note", VariableType.STRING)), List.of(),
        values("region", "${vars.region}", "note", "x${vars.note}y", "whole", "${vars.note}"));
    assertThat(resolvedValues(outcome)).containsEntry("region", "eu-west").containsEntry("note", "xy")
        .containsEntry("whole", null);
  }

  @Test
  @DisplayName("When a value is escaped as $${vars.x}, then it stays as written for the gateway, which makes it literal")
  void escapes() {
    Outcome outcome = resolve(List.of(), List.of(), values("literal", "keep $${vars.storeId} and {{ .Values.x }} ${HOME}"));
    Map<String, Object> values = resolvedValues(outcome);
    assertThat(values).containsEntry("literal", "keep $${vars.storeId} and {{ .Values.x }} ${HOME}");
    assertThat(VariableSyntax.substitute(com.fasterxml.jackson.databind.node.TextNode.valueOf(
        (String) values.get("literal")), n -> java.util.Optional.empty(), true).textValue())
        .isEqualTo("keep ${vars.storeId} and {{ .Values.x }} ${HOME}");
  }

  @Test
  @DisplayName("When a layer refers to an undeclared variable, then VariableUndeclared names it")
  void undeclared() {
    Refused refused = refused(resolve(List.of(variable("storeId", VariableType.STRING)), List.of(),
        values("a", "${vars.storeID}")));
    assertThat(refused.reason()).isEqualTo(VariableReasons.UNDECLARED);
    assertThat(refused.variable()).isEqualTo("storeID");
    assertThat(refused.message()).contains("${vars.storeID}");
  }

  @Test
  @DisplayName("When the cluster gives a value the profile does not declare, then VariableUnknown names it")
  void unknown() {
    Refused refused = refused(resolve(List.of(variable("storeId", VariableType.STRING)),
        List.of(new ClusterVariable("storeid", "1")), values()));
    assertThat(refused.reason()).isEqualTo(VariableReasons.UNKNOWN);
    assertThat(refused.variable()).isEqualTo("storeid");
    assertThat(refused.message()).contains("it declares: storeId");
  }

  @Test
  @DisplayName("When a required variable has no value and no default, then VariableRequired names it")
  void required() {
    Refused refused = refused(resolve(List.of(required("storeId", VariableType.STRING)), List.of(),
        values("a", "${vars.storeId}")));
    assertThat(refused.reason()).isEqualTo(VariableReasons.REQUIRED);
    assertThat(refused.variable()).isEqualTo("storeId");
  }

  @Test
  @DisplayName("When a value is not a number or boolean as declared, then VariableTypeMismatch names it and the value")
  void typeMismatch() {
    Refused number = refused(resolve(List.of(variable("replicas", VariableType.NUMBER)),
        List.of(new ClusterVariable("replicas", "three")), values()));
    assertThat(number.reason()).isEqualTo(VariableReasons.TYPE_MISMATCH);
    assertThat(number.variable()).isEqualTo("replicas");
    assertThat(number.message()).contains("'three'");
    Refused bool = refused(resolve(List.of(variable("debug", VariableType.BOOLEAN)),
        List.of(new ClusterVariable("debug", "yes")), values()));
    assertThat(bool.reason()).isEqualTo(VariableReasons.TYPE_MISMATCH);
    assertThat(bool.variable()).isEqualTo("debug");
  }

  @Test
  @DisplayName("When a string does not match the pattern, then VariablePatternMismatch names it")
  void patternMismatch() {
    ProfileVariable storeId = required("storeId", VariableType.STRING);
    storeId.setPattern("^[0-9]{4}$");
    Refused refused = refused(resolve(List.of(storeId), List.of(new ClusterVariable("storeId", "42")), values()));
    assertThat(refused.reason()).isEqualTo(VariableReasons.PATTERN_MISMATCH);
    assertThat(refused.variable()).isEqualTo("storeId");
    assertThat(refused.message()).contains("^[0-9]{4}$");
    assertThat(resolve(List.of(storeId), List.of(new ClusterVariable("storeId", "0042")), values()))
        .isInstanceOf(Resolved.class);
  }

  @Test
  @DisplayName("When a sensitive variable is given as a literal, then SensitiveVariableLiteral names it and never quotes it")
  void sensitiveLiteral() {
    Refused refused = refused(resolve(List.of(sensitive("dbPassword")),
        List.of(new ClusterVariable("dbPassword", "hunter2")), values()));
    assertThat(refused.reason()).isEqualTo(VariableReasons.SENSITIVE_LITERAL);
    assertThat(refused.variable()).isEqualTo("dbPassword");
    assertThat(refused.message()).doesNotContain("hunter2");
  }

  @Test
  @DisplayName("When a value's Secret or key is missing, then VariableSecretMissing names the variable and why")
  void secretMissing() {
    Refused refused = refused(resolve(List.of(sensitive("dbPassword")), List.of(new ClusterVariable("dbPassword", DB)),
        values(), ref -> new Missing("Secret " + ref.getName() + " has no key " + ref.getKey())));
    assertThat(refused.reason()).isEqualTo(VariableReasons.SECRET_MISSING);
    assertThat(refused.variable()).isEqualTo("dbPassword");
    assertThat(refused.message()).contains("store-secrets has no key dbPassword");
  }

  @Test
  @DisplayName("When a value from a Secret fails its check, then the refusal never quotes the Secret's value")
  void secretValueNeverQuoted() {
    ProfileVariable pin = sensitive("pin");
    pin.setPattern("^[0-9]{4}$");
    Refused refused = refused(resolve(List.of(pin), List.of(new ClusterVariable("pin", DB)), values(),
        ref -> new Found("abcd-secret")));
    assertThat(refused.reason()).isEqualTo(VariableReasons.PATTERN_MISMATCH);
    assertThat(refused.message()).doesNotContain("abcd-secret").contains("the value in its Secret");
  }

  @Test
  @DisplayName("When a value comes from a Secret, then the layers keep the reference and the digest still follows the value")
  void secretValuesStayReferences() {
    List<ProfileVariable> declared = List.of(sensitive("dbPassword"));
    List<ClusterVariable> given = List.of(new ClusterVariable("dbPassword", DB));
    Map<String, Object> layerValues = values("password", "${vars.dbPassword}");
    Resolved first = (Resolved) resolve(declared, given, layerValues, ref -> new Found("one"));
    Resolved second = (Resolved) resolve(declared, given, layerValues, ref -> new Found("two"));
    assertThat(first.layers().get(0).getValues()).containsEntry("password", "${vars.dbPassword}");
    assertThat(first.digest()).isNotEqualTo(second.digest()).doesNotContain("one");
    assertThat(((Resolved) resolve(declared, given, layerValues, ref -> new Found("one"))).digest())
        .isEqualTo(first.digest());
  }

  @Test
  @DisplayName("When a literal value changes, then the digest and so the target version change; without variables it is the profile's")
  void versions() {
    List<ProfileVariable> declared = List.of(required("storeId", VariableType.STRING));
    Resolved a = (Resolved) resolve(declared, List.of(new ClusterVariable("storeId", "1")), values());
    Resolved b = (Resolved) resolve(declared, List.of(new ClusterVariable("storeId", "2")), values());
    assertThat(a.digest()).isNotEqualTo(b.digest()).hasSize(16);
    String version = VariableResolver.version("1.2.0", a.digest());
    assertThat(version).isEqualTo("1.2.0+vars." + a.digest());
    assertThat(version).matches(dev.lifecycle.edge.api.v1alpha1.Validation.SEMVER_REGEX);
    assertThat(VariableResolver.hasValues(version)).isTrue();
    assertThat(VariableResolver.profileVersion(version)).isEqualTo("1.2.0");
    assertThat(VariableResolver.version("1.2.0+build.7", a.digest())).isEqualTo("1.2.0+build.7.vars." + a.digest());
    assertThat(((Resolved) resolve(List.of(), List.of(), values())).digest()).isNull();
    assertThat(VariableResolver.version("1.2.0", null)).isEqualTo("1.2.0");
  }

  @Test
  @DisplayName("When a value holds $ and backslashes, then it is substituted as written, every reference of a string")
  void valuesAreSubstitutedLiterally() {
    Outcome outcome = resolve(List.of(variable("a", VariableType.STRING), variable("b", VariableType.STRING)),
        List.of(new ClusterVariable("a", "p$1\\x${vars.b}"), new ClusterVariable("b", "two")),
        values("both", "${vars.a}|${vars.b}|${vars.a}"));
    assertThat(resolvedValues(outcome)).containsEntry("both", "p$1\\x${vars.b}|two|p$1\\x${vars.b}");
    JsonNode served = VariableSyntax.substitute(TextNode.valueOf("pw=${vars.s}; keep $${vars.s}"),
        name -> Optional.of(TextNode.valueOf("$0\\z")), true);
    assertThat(served.textValue()).isEqualTo("pw=$0\\z; keep ${vars.s}");
  }
}
