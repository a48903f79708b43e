package dev.lifecycle.edge.agent.cli;

import dev.lifecycle.edge.agent.client.GatewayClient;
import dev.lifecycle.edge.cli.DurationConverter;
import dev.lifecycle.edge.wire.Durations;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** How to reach the gateway and register: options shared by run and simulate. */
final class GatewayOptions {

  @Spec(Spec.Target.MIXEE)
  private CommandSpec spec;

  @Option(names = "--gateway", paramLabel = "URL",
      description = "The gateway's base URL, such as https://gateway.example.com:9443 (run: not with --user-data, "
          + "which holds it).")
  private URI gateway;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  private TokenSource token;

  @Option(names = "--ca-cert", paramLabel = "PEM",
      description = "Trust the CA certificates of this PEM file (a private CA) for the gateway's TLS (run: "
          + "instead of the user-data's edge_agent.gateway_ca, when it has none).")
  private Path caCert;

  @Option(names = "--poll-interval", paramLabel = "DURATION", defaultValue = "5s",
      converter = DurationConverter.class, description = "How often to poll the plan (default: ${DEFAULT-VALUE}).")
  private Duration pollInterval;

  @Option(names = "--long-poll", paramLabel = "DURATION", defaultValue = "30s",
      converter = DurationConverter.class,
      description = "How long the gateway may hold a plan request until the plan changes, so that a new plan "
          + "arrives at once; 0s polls every poll interval instead (default: ${DEFAULT-VALUE}).")
  private Duration longPoll;

  /** Where the token comes from: the command line or a file. */
  static final class TokenSource {
    @Option(names = "--token", paramLabel = "TOKEN", description = "The registration token.")
    private String value;

    @Option(names = "--token-file", paramLabel = "FILE",
        description = "A file holding the registration token (keeps it out of the process list).")
    private Path file;
  }

  /** Whether any of --gateway, --token, --token-file or --ca-cert was given. */
  boolean anyConnectionOption() {
    return gateway != null || token != null || caCert != null;
  }

  /** The options of {@link #anyConnectionOption()} that were given, for a message. */
  String connectionOptionsGiven() {
    StringBuilder given = new StringBuilder();
    if (gateway != null) {
      given.append("--gateway ");
    }
    if (token != null) {
      given.append(token.value != null ? "--token " : "--token-file ");
    }
    if (caCert != null) {
      given.append("--ca-cert ");
    }
    return given.toString().strip();
  }

  boolean caCertGiven() {
    return caCert != null;
  }

  /** The registration token; a usage error when none is given or its file cannot be read or is empty. */
  String token() {
    if (token == null) {
      throw new ParameterException(spec.commandLine(), "give the registration token: --token-file FILE (or --token)");
    }
    if (token.value != null) {
      return requireText(token.value.strip(), "--token is empty");
    }
    try {
      return requireText(Files.readString(token.file).strip(), "the token file " + token.file + " is empty");
    } catch (IOException e) {
      throw new ParameterException(spec.commandLine(), "cannot read the token file " + token.file + ": " + e);
    }
  }

  /** The gateway's base URL; a usage error when it is not http(s) with a host. */
  URI gateway() {
    if (gateway == null) {
      throw new ParameterException(spec.commandLine(), "give the gateway's URL: --gateway URL");
    }
    if (!"http".equals(gateway.getScheme()) && !"https".equals(gateway.getScheme()) || gateway.getHost() == null) {
      throw new ParameterException(spec.commandLine(),
          "--gateway must be an http:// or https:// URL with a host, got " + gateway);
    }
    return gateway;
  }

  /** The private CA, if one is given; a usage error when its file does not exist. */
  Optional<Path> caCert() {
    if (caCert != null && !Files.isReadable(caCert)) {
      throw new ParameterException(spec.commandLine(), "--ca-cert " + caCert + " is not a readable file");
    }
    return Optional.ofNullable(caCert);
  }

  Duration pollInterval() {
    if (pollInterval.isZero()) {
      throw new ParameterException(spec.commandLine(), "--poll-interval must be more than 0s");
    }
    return pollInterval;
  }

  Duration longPoll() {
    if (longPoll.compareTo(Duration.ofSeconds(60)) > 0) {
      throw new ParameterException(spec.commandLine(), "--long-poll must be at most 60s (the gateway holds a "
          + "request no longer), got " + Durations.format(longPoll));
    }
    return longPoll;
  }

  /** A client for the gateway, its callbacks on {@code executor}. */
  GatewayClient client(Executor executor) {
    HttpClient http = GatewayClient.httpClient(caCert(), executor);
    return new GatewayClient(http, gateway());
  }

  private String requireText(String text, String complaint) {
    if (text.isEmpty()) {
      throw new ParameterException(spec.commandLine(), complaint);
    }
    return text;
  }
}
