package dev.lifecycle.edge.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.ConditionTypes;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
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
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every reason the operator can write (into a condition or an Event) and every error code the gateway
 * answers with is explained in docs/troubleshooting.md, under the section of its kind; and every reason the
 * guide explains is one the operator can write.
 *
 * <p>The reasons are read from the code itself, not from a list kept here: every CamelCase string literal
 * in the packages that write conditions, Events and gateway errors (in those packages every such literal
 * is a reason, a code, or one of the few {@link #notReasons() non-reasons}), plus the phase names the code
 * turns into reasons with {@code name()}. So a new {@code events().warning(cluster, "Something", ...)},
 * a new constant in {@code HostReasons}, or a new {@code ApiError} code fails this test until the guide
 * explains it. A reason counts as explained when it appears in backquotes in a heading, or in the first cell
 * of a table row, of its kind's section ({@code ## ClusterProfile}, ...).
 */
class DocumentedReasonsTest {

  private static final Path SOURCES = Path.of("src", "main", "java", "dev", "lifecycle", "edge", "operator");
  private static final Path DOC = Path.of("..", "docs", "troubleshooting.md");

  /** Package to the doc section (the exact "## " heading) whose reasons it writes. */
  private static final Map<String, String> SECTIONS = Map.of(
      "profile", "ClusterProfile",
      "token", "RegistrationToken",
      "host", "EdgeHost",
      "cluster", "EdgeCluster",
      "upgrade", "EdgeCluster",
      "variables", "EdgeCluster",
      "registry", "ImageRegistry",
      "gateway", "The gateway (agent side)");

  /**
   * Packages whose reasons every kind can carry: a failed reconcile ({@code status.ReconcileFailure}) is
   * told the same way on each, so each kind's section explains it.
   */
  private static final Map<String, List<String>> EVERY_KIND = Map.of(
      "status", List.of("ClusterProfile", "RegistrationToken", "EdgeHost", "EdgeCluster", "ImageRegistry"));

  /**
   * Sections whose objects another package writes Events on too: the gateway records {@code Claimed} and
   * {@code Reregistered} on EdgeHosts, so the guide may explain them under EdgeHost as well.
   */
  private static final Map<String, String> ALSO_WRITTEN_BY = Map.of("EdgeHost", "gateway", "EdgeCluster", "registry",
      "RegistrationToken", "registry");

  /**
   * Packages that write no reason of their own, with the CamelCase literals they may hold. A literal
   * outside these means a package started writing reasons: map it in {@link #SECTIONS}.
   */
  private static final Map<String, Set<String>> WITHOUT_REASONS = Map.of(
      "", Set.of(),
      "events", Set.of("Normal", "Warning", "Namespace"),
      "security", Set.of(),
      "rbac", Set.of(),
      "management", Set.of("Allow"),
      // commands of edge-operator.jar that write files, never a condition or an Event
      "definition", Set.of(),
      "keys", Set.of());

  /**
   * The in-process Kubernetes API of the demo (Kubernetes' own kinds and Status reasons, never ours), and the
   * demo itself, which reads statuses and patches a spec but writes no condition and no Event (its literals
   * are stage titles and kind names).
   */
  private static final Set<String> NOT_SCANNED = Set.of("embedded", "demo");

  private static final Pattern LITERAL = Pattern.compile("\"([A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)*)\"");
  private static final Pattern CODE = Pattern.compile("`([A-Z][A-Za-z0-9]+)`");

  /**
   * Literals in reason-writing packages that are not reasons: the condition types, a Secret type, and
   * the names of headers the gateway reads ({@code Prefer} for the long poll; {@code Authorization} and
   * {@code Host}, which a request may carry once).
   */
  static Set<String> notReasons() {
    Set<String> not = new TreeSet<>(constants(ConditionTypes.class));
    not.add("Opaque");
    not.add("Prefer");
    not.add("Authorization");
    not.add("Host");
    // The JCA name of the MAC that digests profile variables' values.
    not.add("HmacSHA256");
    return not;
  }

  private static Set<String> constants(Class<?> holder) {
    Set<String> values = new TreeSet<>();
    for (Field field : holder.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        try {
          values.add((String) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return values;
  }

  /** Section to the reasons the code can write there. */
  static Map<String, Set<String>> reasonsInCode() {
    Map<String, Set<String>> reasons = new TreeMap<>();
    SECTIONS.forEach((pkg, section) -> reasons.computeIfAbsent(section, s -> new TreeSet<>())
        .addAll(literals(SOURCES.resolve(pkg))));
    EVERY_KIND.forEach((pkg, sections) -> sections.forEach(section -> reasons.computeIfAbsent(section,
        s -> new TreeSet<>()).addAll(literals(SOURCES.resolve(pkg)))));
    // HostVerdict.reason() is the phase name; the token's and the cluster's phase changes are Events named
    // after the phase (recordTransition, TokenNotices).
    reasons.get("EdgeHost").addAll(names(EdgeHostStatus.Phase.values()));
    reasons.get("RegistrationToken").addAll(names(RegistrationTokenStatus.Phase.values()));
    reasons.get("EdgeCluster").addAll(names(EdgeClusterStatus.Phase.values()));
    Set<String> not = notReasons();
    reasons.values().forEach(set -> set.removeAll(not));
    return reasons;
  }

  private static Set<String> literals(Path dir) {
    Set<String> found = new TreeSet<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        found.addAll(literalsIn(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }

  private static Set<String> literalsIn(Path file) {
    Set<String> found = new TreeSet<>();
    try {
      Matcher m = LITERAL.matcher(Files.readString(file));
      while (m.find()) {
        found.add(m.group(1));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }

  private static List<String> names(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).toList();
  }

  /** Section ("## " heading) to the reasons the doc explains there. */
  static Map<String, Set<String>> reasonsInDoc() throws IOException {
    Map<String, Set<String>> documented = new LinkedHashMap<>();
    Set<String> current = null;
    boolean fenced = false;
    for (String line : Files.readAllLines(DOC)) {
      if (line.startsWith("```")) {
        fenced = !fenced;
      } else if (fenced) {
        continue;
      } else if (line.startsWith("## ")) {
        current = new TreeSet<>();
        documented.put(line.substring(3).trim(), current);
      } else if (current != null && line.startsWith("#")) {
        addCodes(current, line);
      } else if (current != null && line.startsWith("| ")) {
        int end = line.indexOf(" |", 1);
        addCodes(current, end < 0 ? line : line.substring(0, end));
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
    Set<String> section = doc.get(name);
    if (section == null) {
      throw new AssertionError("docs/troubleshooting.md has no '## " + name + "' section; it has " + doc.keySet());
    }
    return section;
  }

  @Test
  @DisplayName("When the operator can write a reason, then docs/troubleshooting.md explains it under its kind")
  void everyReasonInTheCodeIsDocumented() throws IOException {
    Map<String, Set<String>> doc = reasonsInDoc();
    reasonsInCode().forEach((name, reasons) -> {
      Set<String> missing = new TreeSet<>(reasons);
      missing.removeAll(section(doc, name));
      assertThat(missing)
          .as("reasons the operator writes on %s that docs/troubleshooting.md does not explain under '## %s' "
              + "(add a table row or a heading with the reason in backquotes)", name, name)
          .isEmpty();
    });
  }

  @Test
  @DisplayName("When the guide explains a reason, then the operator can write it: no stale or misspelt entry")
  void everyDocumentedReasonIsInTheCode() throws IOException {
    Map<String, Set<String>> doc = reasonsInDoc();
    reasonsInCode().forEach((name, reasons) -> {
      Set<String> stale = new TreeSet<>(section(doc, name));
      stale.removeAll(reasons);
      if (ALSO_WRITTEN_BY.containsKey(name)) {
        stale.removeAll(literals(SOURCES.resolve(ALSO_WRITTEN_BY.get(name))));
      }
      assertThat(stale)
          .as("reasons docs/troubleshooting.md explains under '## %s' that the operator never writes", name)
          .isEmpty();
    });
  }

  @Test
  @DisplayName("When a package is added to the operator, then it is either scanned for reasons or known to write none")
  void everyPackageIsClassified() throws IOException {
    Set<String> packages;
    try (Stream<Path> dirs = Files.list(SOURCES)) {
      packages = dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString())
          .collect(Collectors.toCollection(TreeSet::new));
    }
    Set<String> classified = new TreeSet<>(SECTIONS.keySet());
    classified.addAll(EVERY_KIND.keySet());
    classified.addAll(WITHOUT_REASONS.keySet());
    classified.addAll(NOT_SCANNED);
    assertThat(classified).as("operator packages this test knows").containsAll(packages);

    for (Map.Entry<String, Set<String>> pkg : WITHOUT_REASONS.entrySet()) {
      Path dir = SOURCES.resolve(pkg.getKey());
      Set<String> found = new TreeSet<>();
      try (Stream<Path> files = pkg.getKey().isEmpty() ? Files.list(dir) : Files.walk(dir)) {
        files.filter(f -> f.toString().endsWith(".java")).forEach(f -> found.addAll(literalsIn(f)));
      }
      found.removeAll(pkg.getValue());
      assertThat(found)
          .as("CamelCase literals in package '%s', which is known to write no reasons: map it in SECTIONS",
              pkg.getKey())
          .isEmpty();
    }
  }

  @Test
  @DisplayName("When the scan runs, then it finds the reasons it must find, so a broken scan cannot pass")
  void scanFindsKnownReasons() {
    Map<String, Set<String>> code = reasonsInCode();
    assertThat(code.get("ClusterProfile")).contains("Valid", "InvalidProfile", "DeletionBlocked", "LayerCount");
    assertThat(code.get("RegistrationToken")).contains("Active", "Expired", "SecretConflict", "TokenReissued");
    assertThat(code.get("EdgeHost")).contains("Unreachable", "AgentReportedFailure", "Reachable");
    assertThat(code.get("EdgeCluster")).contains("ProfileNotFound", "InsufficientHosts", "HostClaimed",
        // the rolling upgrade: condition reasons (RolloutVerdict, RolloutPlanner, RolloutStep) and Events (ClusterNotices)
        "Upgrading", "UpgradePaused", "HostFailed", "HostTimedOut", "RollingBack", "RolledBack", "RollbackFailed",
        "UpgradeStarted", "HostUpgrading", "BatchUpgraded", "UpgradeComplete", "UpgradeStalled");
    assertThat(code.get("The gateway (agent side)"))
        .contains("TokenExpired", "TokenRevoked", "TokenExhausted", "Unauthorized", "PayloadTooLarge",
            "MachineConflict", "Busy", "TooManyRequests");
    for (String kind : List.of("ClusterProfile", "RegistrationToken", "EdgeHost", "EdgeCluster")) {
      assertThat(code.get(kind)).as(kind).contains("RetryingAfterError", "RetriesExhausted");
    }
    assertThat(code.values().stream().flatMap(Set::stream)).doesNotContain("Ready", "Stalled", "Opaque");
  }

  @Test
  @DisplayName("When the guide is parsed, then it finds each kind's section and the rollout's reasons in it")
  void docParseFindsKnownReasons() throws IOException {
    Map<String, Set<String>> doc = reasonsInDoc();
    assertThat(doc).containsKeys("ClusterProfile", "RegistrationToken", "EdgeHost", "EdgeCluster",
        "The gateway (agent side)", "Recovery procedures");
    assertThat(doc.get("EdgeCluster")).contains("HostTimedOut", "RolledBack", "UpgradeStalled", "BatchUpgraded");
    assertThat(doc.get("The gateway (agent side)")).contains("PayloadTooLarge", "TooManyRequests", "TokenRevoked");
  }
}
