package dev.lifecycle.edge.agent.host;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The machine id and host name of the host the agent runs on. */
public final class LocalHost {

  /** Where systemd keeps the machine id. */
  public static final Path MACHINE_ID_FILE = Path.of("/etc/machine-id");

  private LocalHost() {
  }

  /** The content of a machine-id file, if it holds one. */
  public static Optional<String> machineId(Path file) {
    try {
      String id = Files.readString(file).strip();
      return id.isEmpty() ? Optional.empty() : Optional.of(id);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The local host name, or {@code $HOSTNAME}, if either is known. */
  public static Optional<String> hostname() {
    try {
      return Optional.of(InetAddress.getLocalHost().getHostName());
    } catch (UnknownHostException e) {
      return Optional.ofNullable(System.getenv("HOSTNAME")).filter(name -> !name.isBlank());
    }
  }
}
