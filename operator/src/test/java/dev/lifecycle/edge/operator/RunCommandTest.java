package dev.lifecycle.edge.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lifecycle.edge.operator.support.Tee;
import io.fabric8.kubernetes.client.Config;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RunCommandTest {

  @TempDir
  Path folder;

  @Test
  @DisplayName("When there is no kubeconfig and no in-cluster service account, then run says so in one line and "
      + "exits non-zero within seconds, without a stack trace")
  void noKubeconfig() {
    assumeTrue(System.getenv("KUBERNETES_SERVICE_HOST") == null, "runs outside a pod");
    assumeTrue(System.getenv("KUBERNETES_MASTER") == null, "no API named in the environment");
    String missing = folder.resolve("no-such-kubeconfig").toString();
    String before = System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, missing);
    ByteArrayOutputStream logged = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    System.setOut(new PrintStream(new Tee(stdout, logged), true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(new Tee(stderr, logged), true, StandardCharsets.UTF_8));
    int exit;
    try {
      exit = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> new CommandLine(new RunCommand())
          .execute("--insecure", "--gateway-port", "0", "--metrics-port", "0"));
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
      if (before == null) {
        System.clearProperty(Config.KUBERNETES_KUBECONFIG_FILE);
      } else {
        System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, before);
      }
    }

    String output = logged.toString(StandardCharsets.UTF_8);
    assertThat(exit).isNotZero();
    assertThat(output).contains("no Kubernetes API to reconcile against").contains(missing)
        .doesNotContain("\tat ").doesNotContain("Exception");
  }

  @Test
  @DisplayName("When a gateway CA file comes with --insecure, is empty, or the agent URL is not http(s), then run "
      + "is a usage error saying what to change, before it contacts anything")
  void installerOptions() throws Exception {
    Path empty = Files.writeString(folder.resolve("ca.crt"), "");
    Path cert = Files.writeString(folder.resolve("tls.crt"), "");

    assertThat(usageError("--insecure", "--gateway-ca-file", empty.toString()))
        .contains("--gateway-ca-file names the CA of the gateway's TLS: leave it out with --insecure");
    assertThat(usageError("--tls-cert", cert.toString(), "--tls-key", cert.toString(), "--gateway-ca-file",
        empty.toString())).contains("--gateway-ca-file " + empty + " holds no PEM certificate");
    assertThat(usageError("--insecure", "--agent-url", "ftp://downloads.example.com/edge-agent.jar"))
        .contains("--agent-url must be an http:// or https:// URL, got ftp://downloads.example.com/edge-agent.jar");
  }

  @Test
  @DisplayName("When a gateway rate limit is zero or negative, then run is a usage error naming the flags, before "
      + "it contacts anything")
  void rateLimitOptions() {
    assertThat(usageError("--insecure", "--gateway-host-qps", "0"))
        .contains("--gateway-host-burst must be at least 1 and --gateway-host-qps a positive number, got 100 and 0.0");
    assertThat(usageError("--insecure", "--gateway-address-burst", "0"))
        .contains("--gateway-address-burst must be at least 1 and --gateway-address-qps a positive number, got 0");
    assertThat(usageError("--insecure", "--gateway-failure-qps", "-1"))
        .contains("--gateway-failure-burst must be at least 1 and --gateway-failure-qps a positive number");
  }

  private static String usageError(String... args) {
    StringWriter err = new StringWriter();
    CommandLine commandLine = new CommandLine(new RunCommand());
    commandLine.setErr(new PrintWriter(err, true));
    assertThat(commandLine.execute(args)).isEqualTo(2);
    return err.toString();
  }
}
