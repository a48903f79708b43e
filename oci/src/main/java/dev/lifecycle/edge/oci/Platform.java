package dev.lifecycle.edge.oci;

import java.util.Locale;
import java.util.Map;

/**
 * An OS and CPU architecture with an optional variant, as image indexes describe manifests
 * ({@code linux/amd64}, {@code linux/arm64/v8}, {@code linux/arm/v7}). Matching normalises as containerd does:
 * {@code arm64} means {@code arm64/v8}, {@code arm} means {@code arm/v7}, {@code amd64/v1} means {@code amd64},
 * {@code aarch64} and {@code x86_64} are the kernel's names for {@code arm64} and {@code amd64}.
 */
public record Platform(String os, String architecture, String variant) {

  private static final Map<String, String> ARCH_ALIASES = Map.of(
      "x86_64", "amd64", "x86-64", "amd64", "aarch64", "arm64", "armhf", "arm", "armel", "arm", "i386", "386");

  public Platform {
    if (os == null || os.isBlank() || architecture == null || architecture.isBlank()) {
      throw new IllegalArgumentException("a platform needs an os and an architecture (" + os + "/" + architecture + ")");
    }
    variant = variant == null || variant.isBlank() ? null : variant;
  }

  public static final Platform LINUX_AMD64 = new Platform("linux", "amd64", null);
  public static final Platform LINUX_ARM64 = new Platform("linux", "arm64", null);

  /** Parses {@code os/architecture[/variant]}. */
  public static Platform parse(String text) {
    String[] parts = text == null ? new String[0] : text.split("/", -1);
    if (parts.length < 2 || parts.length > 3 || java.util.Arrays.stream(parts).anyMatch(String::isBlank)) {
      throw new IllegalArgumentException("invalid platform '" + text + "': expected os/architecture[/variant], such as linux/arm64");
    }
    return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
  }

  /** The canonical form that {@link #matches} compares. */
  public Platform normalized() {
    String os = this.os.toLowerCase(Locale.ROOT);
    String arch = architecture.toLowerCase(Locale.ROOT);
    String var = variant == null ? null : variant.toLowerCase(Locale.ROOT);
    if (arch.equals("armel")) {
      var = var == null ? "v6" : var;
    }
    arch = ARCH_ALIASES.getOrDefault(arch, arch);
    if (var != null && var.matches("[0-9]+")) {
      var = "v" + var;
    }
    switch (arch) {
      case "arm64" -> var = var == null ? "v8" : var;
      case "arm" -> var = var == null ? "v7" : var;
      case "amd64" -> var = "v1".equals(var) ? null : var;
      default -> { }
    }
    return new Platform(os, arch, var);
  }

  /** Whether a manifest for {@code offered} runs where this platform is asked for. */
  public boolean matches(Platform offered) {
    return normalized().equals(offered.normalized());
  }

  @Override
  public String toString() {
    return os + "/" + architecture + (variant != null ? "/" + variant : "");
  }
}
