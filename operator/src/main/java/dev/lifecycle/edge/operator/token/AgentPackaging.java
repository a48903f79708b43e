package dev.lifecycle.edge.operator.token;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The agent's systemd unit and install script, as they ship in agent/packaging/ (the build copies them
 * into the operator's jar): what the rendered user-data writes onto a host with {@code write_files}.
 *
 * @param unit edge-agent.service
 * @param installScript install-edge-agent.sh
 */
public record AgentPackaging(String unit, String installScript) {

  /** Where cloud-init writes the unit. */
  public static final String UNIT_PATH = "/etc/systemd/system/edge-agent.service";
  /** Where cloud-init writes the install script that runcmd runs. */
  public static final String INSTALL_SCRIPT_PATH = "/usr/local/sbin/install-edge-agent.sh";

  private static final String RESOURCES = "/dev/lifecycle/edge/operator/token/packaging/";

  public AgentPackaging {
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(installScript, "installScript");
  }

  /** The files of this build. */
  public static AgentPackaging shipped() {
    return Shipped.PACKAGING;
  }

  private static String resource(String name) {
    try (InputStream in = AgentPackaging.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IllegalStateException("the operator's jar lacks " + RESOURCES + name + " (copied from "
            + "agent/packaging/ by the build)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCES + name, e);
    }
  }

  /** Read once, on first use. */
  private static final class Shipped {
    static final AgentPackaging PACKAGING = new AgentPackaging(resource("edge-agent.service"),
        resource("install-edge-agent.sh"));
  }
}
