package dev.lifecycle.edge.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.site.DirectoryLock;
import dev.lifecycle.edge.site.SiteDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** java -jar edge-operator.jar site, as the leader host of a site runs it. */
class SiteCommandJarIT {

  private static final Pattern FINGERPRINT = Pattern.compile("(?m)^certificate fingerprint: (sha256:[0-9a-f]{64})$");

  @TempDir
  Path dir;

  @Test
  @DisplayName("When edge-operator.jar site starts, then it prints its URL and the fingerprint of the certificate it "
      + "keeps in DIR/tls; a second one on that directory exits 1 naming the first; SIGTERM stops it cleanly")
  void runsUntilStopped() throws Exception {
    Path data = dir.resolve("data");
    Path log = dir.resolve("site.log");
    Process site = start(List.of("site", "--data-dir", data.toString(), "--listen", "127.0.0.1:0", "--site-name",
        "jar-site"), log);
    try {
      await().atMost(Duration.ofMinutes(2)).until(() -> FINGERPRINT.matcher(Files.readString(log)).find()
          || !site.isAlive());
      String output = Files.readString(log);
      Matcher printed = FINGERPRINT.matcher(output);
      assertThat(printed.find()).as(output).isTrue();
      assertThat(printed.group(1)).isEqualTo(fingerprint(data.resolve("tls/site.crt")));
      assertThat(output).containsPattern("(?m)^site controller 'jar-site' serving https://127\\.0\\.0\\.1:\\d+ "
          + "\\(listening on 127\\.0\\.0\\.1:\\d+\\)$")
          // the site API made the admin user at the first start, and its password file
          .contains("initial admin password: in " + data.toAbsolutePath().resolve("auth/initial-admin-password")
              + " (readable by its owner only)")
          .contains("trusted keys: none");

      Path secondLog = dir.resolve("second.log");
      Process second = start(List.of("site", "--data-dir", data.toString(), "--listen", "127.0.0.1:0"), secondLog);
      assertThat(second.waitFor(2, TimeUnit.MINUTES)).isTrue();
      assertThat(second.exitValue()).as(Files.readString(secondLog)).isEqualTo(1);
      assertThat(Files.readString(secondLog)).contains("another site controller (process " + site.pid() + ") uses "
          + "the data directory " + data.toAbsolutePath());
    } finally {
      site.destroy();
      if (!site.waitFor(30, TimeUnit.SECONDS)) {
        site.destroyForcibly();
      }
    }
    assertThat(Files.readString(log)).contains("site controller 'jar-site' stopping");
    DirectoryLock.acquire(new SiteDirectory(data)).close();
  }

  @Test
  @DisplayName("When --listen is not HOST:PORT or --tls-cert comes without --tls-key, then site exits 2 saying so")
  void badOptions() throws Exception {
    Path log = dir.resolve("bad.log");
    Process listen = start(List.of("site", "--data-dir", dir.toString(), "--listen", "5080"), log);
    assertThat(listen.waitFor(1, TimeUnit.MINUTES)).isTrue();
    assertThat(listen.exitValue()).isEqualTo(2);
    assertThat(Files.readString(log)).contains("--listen: '5080' is not HOST:PORT");

    Process tls = start(List.of("site", "--data-dir", dir.toString(), "--tls-cert", "cert.pem"), log);
    assertThat(tls.waitFor(1, TimeUnit.MINUTES)).isTrue();
    assertThat(tls.exitValue()).isEqualTo(2);
    assertThat(Files.readString(log)).contains("give --tls-cert and --tls-key together");
  }

  private Process start(List<String> args, Path log) throws IOException {
    List<String> command = new java.util.ArrayList<>(List.of(LauncherJar.java(), "-jar",
        LauncherJar.path().toString()));
    command.addAll(args);
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    process.getOutputStream().close();
    return process;
  }

  private static String fingerprint(Path pem) throws Exception {
    try (InputStream in = Files.newInputStream(pem)) {
      byte[] der = CertificateFactory.getInstance("X.509").generateCertificate(in).getEncoded();
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    }
  }
}
