package dev.lifecycle.edge.agent.exec;

import dev.lifecycle.edge.wire.Plan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The plan's registry settings as k3s's (and RKE2's) {@code registries.yaml} takes them: {@code mirrors} with
 * {@code endpoint} and {@code rewrite}; {@code configs.<host>} with {@code auth} (username, password) and
 * {@code tls.ca_file} naming {@code <CA directory>/<host>.crt}, where {@link #writeCas} writes the plan's CA.
 * A hook that keeps the file beyond the plan copies the CA directory too and replaces its path in the file.
 */
final class RegistriesFile {

  private RegistriesFile() {
  }

  static Map<String, Object> of(Plan.Registries registries, Path caDirectory) {
    Map<String, Object> file = new LinkedHashMap<>();
    if (!registries.mirrors().isEmpty()) {
      Map<String, Object> mirrors = new LinkedHashMap<>();
      registries.mirrors().forEach((host, mirror) -> {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("endpoint", mirror == null ? java.util.List.of() : mirror.endpoint());
        if (mirror != null && !mirror.rewrite().isEmpty()) {
          entry.put("rewrite", mirror.rewrite());
        }
        mirrors.put(host, entry);
      });
      file.put("mirrors", mirrors);
    }
    Map<String, Object> configs = new LinkedHashMap<>();
    registries.configs().forEach((host, config) -> {
      if (config == null) {
        return;
      }
      Map<String, Object> entry = new LinkedHashMap<>();
      if (config.auth() != null) {
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("username", config.auth().username());
        auth.put("password", config.auth().password());
        entry.put("auth", auth);
      }
      if (config.caPem() != null && !config.caPem().isEmpty()) {
        entry.put("tls", Map.of("ca_file", caFile(caDirectory, host).toString()));
      }
      if (!entry.isEmpty()) {
        configs.put(host, entry);
      }
    });
    if (!configs.isEmpty()) {
      file.put("configs", configs);
    }
    return file;
  }

  /** Writes each config's CA as {@code <host>.crt} (0600); whether there was any. */
  static boolean writeCas(Plan.Registries registries, Path caDirectory) throws IOException {
    boolean any = false;
    for (Map.Entry<String, Plan.Registries.Config> entry : registries.configs().entrySet()) {
      String pem = entry.getValue() == null ? null : entry.getValue().caPem();
      if (pem == null || pem.isEmpty()) {
        continue;
      }
      if (!any) {
        Files.createDirectory(caDirectory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        any = true;
      }
      Path file = caFile(caDirectory, entry.getKey());
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, pem);
    }
    return any;
  }

  /** {@code <host>.crt}, the port's colon made a dash so that no file system minds it. */
  static Path caFile(Path caDirectory, String host) {
    return caDirectory.resolve(host.replace(':', '-') + ".crt");
  }
}
