package dev.lifecycle.edge.operator.gateway.endpoints;

import dev.lifecycle.edge.api.v1alpha1.AgentReport;
import dev.lifecycle.edge.api.v1alpha1.Validation;
import dev.lifecycle.edge.operator.gateway.http.PathGuard;
import dev.lifecycle.edge.operator.gateway.registration.HostCredential;
import dev.lifecycle.edge.wire.RegisterRequest;
import dev.lifecycle.edge.wire.Report;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a well-formed registration and report look like, beyond their JSON shape. Pure: each check
 * gives the first problem, for a person, or nothing.
 */
final class RequestRules {

  static final int MAX_TOKEN = 512;
  static final int MAX_MACHINE_ID = 128;
  static final int MAX_HOSTNAME = 253;
  static final int MAX_LABELS = 32;
  static final int MAX_MESSAGE = 4096;
  private static final Pattern MACHINE_ID = Pattern.compile(Validation.MACHINE_ID_REGEX);
  private static final Pattern LABEL_KEY = Pattern.compile(Validation.LABEL_KEY_REGEX);
  private static final Pattern LABEL_VALUE = Pattern.compile(Validation.LABEL_VALUE_REGEX);
  private static final Pattern SEMVER = Pattern.compile(Validation.SEMVER_REGEX);
  private static final Pattern PRINTABLE = Pattern.compile("^[\\x20-\\x7e]*$");

  private RequestRules() {
  }

  static Optional<String> register(RegisterRequest request) {
    if (request.token() == null || request.token().isBlank()) {
      return Optional.of("token is required: the registration token from the installer user-data");
    }
    if (request.token().length() > MAX_TOKEN || !PRINTABLE.matcher(request.token()).matches()) {
      return Optional.of("token is not a registration token (at most " + MAX_TOKEN + " printable characters)");
    }
    Optional<String> machineId = machineId(request.machineId());
    if (machineId.isPresent()) {
      return machineId;
    }
    if (request.hostname() != null && (request.hostname().isEmpty() || request.hostname().length() > MAX_HOSTNAME
        || !PRINTABLE.matcher(request.hostname()).matches())) {
      return Optional.of("hostname must be 1 to " + MAX_HOSTNAME + " printable characters");
    }
    if (request.credentialSecret() != null && !HostCredential.isSecret(request.credentialSecret())) {
      return Optional.of("credentialSecret must be 32 random bytes in base64url without padding (43 characters)");
    }
    return labels(request.labels())
        .or(() -> SiteRules.check(request.site()))
        .or(() -> SiteRules.check(request.inventory()));
  }

  static Optional<String> machineId(String machineId) {
    if (machineId == null || machineId.isEmpty()) {
      return Optional.of("machineId is required: the identity of the machine (systemd machine-id, serial number "
          + "or UUID)");
    }
    if (machineId.length() > MAX_MACHINE_ID) {
      return Optional.of("machineId is longer than " + MAX_MACHINE_ID + " characters");
    }
    if (!MACHINE_ID.matcher(machineId).matches()) {
      return Optional.of("machineId must start with a letter or digit and hold only letters, digits, '.', '_', "
          + "':' and '-'");
    }
    return Optional.empty();
  }

  static Optional<String> labels(Map<String, String> labels) {
    if (labels.size() > MAX_LABELS) {
      return Optional.of("labels holds " + labels.size() + " entries: at most " + MAX_LABELS);
    }
    for (Map.Entry<String, String> label : labels.entrySet()) {
      String key = label.getKey();
      if (key.length() > 253 + 1 + 63 || !LABEL_KEY.matcher(key).matches()) {
        return Optional.of("label key '" + PathGuard.shown(key) + "' is not a Kubernetes label key (such as "
            + "rack or example.com/rack)");
      }
      if (label.getValue() == null || label.getValue().length() > 63
          || !LABEL_VALUE.matcher(label.getValue()).matches()) {
        return Optional.of("label '" + key + "' must have a value of at most 63 letters, digits, '-', '_' or '.', "
            + "starting and ending with a letter or digit");
      }
    }
    return Optional.empty();
  }

  /** A report's own fields; {@link ReportRules} judges it against the host's plan. */
  static Optional<String> report(Report report) {
    if (report.planGeneration() == null) {
      return Optional.of("planGeneration is required: the generation of the plan the report is about");
    }
    if (report.planGeneration() < 1) {
      return Optional.of("planGeneration must be a positive integer, not " + report.planGeneration());
    }
    if (report.state() == null) {
      return Optional.of("state is required: one of " + states());
    }
    if (Arrays.stream(AgentReport.State.values()).noneMatch(s -> s.name().equals(report.state()))) {
      return Optional.of("state '" + PathGuard.shown(report.state()) + "' is not one of " + states());
    }
    if (report.message() != null && report.message().length() > MAX_MESSAGE) {
      return Optional.of("message is longer than " + MAX_MESSAGE + " characters");
    }
    if (report.profileVersion() != null && (report.profileVersion().length() > 64
        || !SEMVER.matcher(report.profileVersion()).matches())) {
      return Optional.of("profileVersion must be a semantic version such as 1.2.0");
    }
    if (report.site() != null && !AgentReport.State.Applied.name().equals(report.state())) {
      return Optional.of("site is sent only with an Applied report: the site settings the agent applied");
    }
    return SiteRules.check(report.site());
  }

  private static String states() {
    return String.join(", ", Arrays.stream(AgentReport.State.values()).map(Enum::name).toList());
  }
}
