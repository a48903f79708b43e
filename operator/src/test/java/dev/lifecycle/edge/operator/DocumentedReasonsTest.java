package dev.lifecycle.edge.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every reason the operator can write (into a condition or an Event) and every error code the gateway
 * answers with is explained in docs/troubleshooting.md, under the section of its kind.
 *
 * <p>The reasons are found the simple way: every CamelCase string literal in the packages that write
 * conditions, Events and gateway errors (all of them are reasons or codes there, bar the few listed in
 * {@link #NOT_REASONS}), plus the phase names the code turns into reasons with {@code name()}. A reason is
 * documented when it appears in backquotes in a heading, or in the first cell of a table row, of its
 * kind's section. Reasons the doc explains ahead of the code (the rollout's) are fine.
 */
class DocumentedReasonsTest {

  private static final Path SOURCES = Path.of("src", "main", "java", "dev", "lifecycle", "edge", "operator");
  private static final Path DOC = Path.of("..", "docs", "troubleshooting.md");

  /** Package to the doc section (a "## " heading containing this text) its reasons belong in. */
  private static final Map<String, String> SECTIONS = Map.of(
      "profile", "ClusterProfile",
      "token", "RegistrationToken",
      "host", "EdgeHost",
      "cluster", "EdgeCluster",
      "upgrade", "EdgeCluster",
      "gateway", "gateway");

  /** CamelCase literals in those packages that are not reasons: condition types looked up, a Secret type. */
  private static final Set<String> NOT_REASONS = Set.of("Ready", "Reconciling", "Stalled", "Opaque");

  /** Reasons the rolling upgrade writes on EdgeCluster (being added); the doc explains them already. */
  private static final List<String> ROLLOUT_REASONS = List.of("Upgrading", "UpgradePaused", "HostFailed",
      "HostTimedOut", "RollingBack", "RolledBack", "RollbackFailed");

  private static final Pattern LITERAL = Pattern.compile("\"([A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)*)\"");
  private static final Pattern CODE = Pattern.compile("`([A-Z][A-Za-z0-9]+)`");

  /** Section to the reasons the code can write there. */
  static Map<String, Set<String>> reasonsInCode() {
    Map<String, Set<String>> reasons = new TreeMap<>();
    SECTIONS.forEach((pkg, section) -> reasons.computeIfAbsent(section, s -> new TreeSet<>())
        .addAll(literals(SOURCES.resolve(pkg))));
    // HostVerdict.reason() is the phase name; the token's and the cluster's phase changes are Events named
    // after the phase.
    reasons.get("EdgeHost").addAll(names(EdgeHostStatus.Phase.values()));
    reasons.get("RegistrationToken").addAll(names(RegistrationTokenStatus.Phase.values()));
    reasons.get("EdgeCluster").addAll(names(EdgeClusterStatus.Phase.values()));
    reasons.values().forEach(set -> set.removeAll(NOT_REASONS));
    return reasons;
  }

  private static Set<String> literals(Path dir) {
    Set<String> found = new TreeSet<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Matcher m = LITERAL.matcher(Files.readString(file));
        while (m.find()) {
          found.add(m.group(1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }

  private static List<String> names(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).toList();
  }

  /** Section to the reasons the doc explains there. */
  static Map<String, Set<String>> reasonsInDoc() throws IOException {
    Map<String, Set<String>> documented = new LinkedHashMap<>();
    Set<String> current = null;
    for (String line : Files.readAllLines(DOC)) {
      if (line.startsWith("## ")) {
        current = new TreeSet<>();
        documented.put(line.substring(3), current);
      } else if (current != null && line.startsWith("#")) {
        addCodes(current, line);
      } else if (current != null && line.startsWith("| ")) {
        addCodes(current, line.substring(0, line.indexOf(" |", 1) < 0 ? line.length() : line.indexOf(" |", 1)));
      }
    }
    return documented;
  }

  private static void addCodes(Set<String> into, String text) {
    Matcher m = CODE.matcher(text);
    while (m.find()) {
      into.add(m.group(1));
    }
  }

  private static Set<String> section(Map<String, Set<String>> doc, String name) {
    return doc.entrySet().stream().filter(e -> e.getKey().contains(name)).map(Map.Entry::getValue).findFirst()
        .orElseThrow(() -> new AssertionError("docs/troubleshooting.md has no '## ' section about " + name));
  }

  @Test
  @DisplayName("When the operator can write a reason, then docs/troubleshooting.md explains it under its kind")
  void everyReasonInTheCodeIsDocumented() throws IOException {
    Map<String, Set<String>> doc = reasonsInDoc();
    reasonsInCode().forEach((name, reasons) -> assertThat(section(doc, name))
        .as("reasons of %s missing from docs/troubleshooting.md (add a row or a heading with the reason in backquotes)",
            name)
        .containsAll(reasons));
  }

  @Test
  @DisplayName("When a rollout stops or rolls back, then the user finds its reason in the troubleshooting guide")
  void rolloutReasonsAreDocumented() throws IOException {
    assertThat(section(reasonsInDoc(), "EdgeCluster")).containsAll(ROLLOUT_REASONS);
  }

  @Test
  @DisplayName("When the scan runs, then it finds the reasons it must find, so a broken scan cannot pass")
  void scanFindsKnownReasons() {
    Map<String, Set<String>> code = reasonsInCode();
    assertThat(code.get("ClusterProfile")).contains("Valid", "InvalidProfile", "DeletionBlocked", "LayerCount");
    assertThat(code.get("RegistrationToken")).contains("Active", "Expired", "SecretConflict", "TokenReissued");
    assertThat(code.get("EdgeHost")).contains("Unreachable", "AgentReportedFailure", "Reachable");
    assertThat(code.get("EdgeCluster")).contains("ProfileNotFound", "InsufficientHosts", "HostClaimed", "HostTimedOut");
    assertThat(code.get("gateway")).contains("TokenExpired", "MachineConflict", "Busy", "TooManyRequests");
    assertThat(code.values().stream().flatMap(Set::stream)).doesNotContain("Ready", "Opaque");
  }
}
