package dev.lifecycle.edge.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

/** operator/target/edge-operator.jar, as the build wrote it (Failsafe passes the path the shade plugin used). */
final class LauncherJar {

  private LauncherJar() {
  }

  static Path path() {
    String path = System.getProperty("edge-operator.jar");
    assertThat(path).as("system property edge-operator.jar, set by the launcher's Failsafe").isNotNull();
    Path jar = Path.of(path).toAbsolutePath().normalize();
    assertThat(jar).as("built by mvn package before the integration tests").exists();
    return jar;
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
