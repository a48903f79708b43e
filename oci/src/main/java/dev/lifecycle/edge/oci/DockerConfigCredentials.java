package dev.lifecycle.edge.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Credentials from a Docker-style config file ({@code ~/.docker/config.json}, as {@code docker login},
 * podman and skopeo write it): {@code auths.<host>.auth} (base64 of {@code user:password}) or
 * {@code auths.<host>.username}/{@code password}. Entries kept by a credential helper ({@code credHelpers},
 * {@code credsStore}) are reported as unusable: this client runs no helper programs.
 */
public final class DockerConfigCredentials implements CredentialSource {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final Map<String, CredentialLookup> entries;
  private final String credsStore;

  private DockerConfigCredentials(Path file, Map<String, CredentialLookup> entries, String credsStore) {
    this.file = file;
    this.entries = entries;
    this.credsStore = credsStore;
  }

  /**
   * Reads the file; a file that does not exist holds no credentials.
   *
   * @throws IllegalArgumentException naming the file and the entry, when the file cannot be used
   */
  public static DockerConfigCredentials load(Path file) {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return new DockerConfigCredentials(file, Map.of(), null);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the registry credentials file " + file + ": " + e.getMessage(), e);
    }
    return parse(file, content);
  }

  /** The file Docker uses: {@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}. */
  public static Path defaultLocation(Map<String, String> environment) {
    String dir = environment.get("DOCKER_CONFIG");
    return dir != null && !dir.isBlank() ? Path.of(dir, "config.json")
        : Path.of(System.getProperty("user.home"), ".docker", "config.json");
  }

  static DockerConfigCredentials parse(Path file, byte[] content) {
    JsonNode root;
    try {
      root = JSON.readTree(content);
    } catch (IOException e) {
      throw new IllegalArgumentException("the registry credentials file " + file + " is not valid JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("the registry credentials file " + file + " is not a JSON object");
    }
    Map<String, CredentialLookup> entries = new HashMap<>();
    JsonNode helpers = root.path("credHelpers");
    for (Map.Entry<String, JsonNode> helper : helpers.properties()) {
      String host = normaliseHost(helper.getKey());
      entries.put(host, new CredentialLookup.Unusable("the credentials for " + host + " are kept by the credential helper "
          + "docker-credential-" + helper.getValue().asText() + " (credHelpers in " + file + "), which this tool does not run; "
          + "write them into auths." + host + ".auth of a config file instead"));
    }
    JsonNode auths = root.path("auths");
    for (Map.Entry<String, JsonNode> auth : auths.properties()) {
      String host = normaliseHost(auth.getKey());
      Credential credential = credential(file, auth.getKey(), auth.getValue());
      if (credential != null) {
        entries.putIfAbsent(host, new CredentialLookup.Found(credential));
      }
    }
    String store = root.path("credsStore").asText(null);
    return new DockerConfigCredentials(file, Map.copyOf(entries), store == null || store.isBlank() ? null : store);
  }

  private static Credential credential(Path file, String key, JsonNode entry) {
    String source = file + " (auths." + key + ")";
    String auth = entry.path("auth").asText("");
    if (!auth.isEmpty()) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(auth.strip()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("auths." + key + ".auth in " + file + " is not valid base64");
      }
      int colon = decoded.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("auths." + key + ".auth in " + file + " is not base64 of user:password");
      }
      return new Credential(decoded.substring(0, colon), decoded.substring(colon + 1), source);
    }
    String username = entry.path("username").asText("");
    if (!username.isEmpty()) {
      return new Credential(username, entry.path("password").asText(""), source);
    }
    if (!entry.path("identitytoken").asText("").isEmpty()) {
      throw new IllegalArgumentException("auths." + key + " in " + file + " holds an identity token (OAuth refresh token), "
          + "which this tool does not support; give a user name and password or a registry token instead");
    }
    return null;
  }

  /** {@code https://index.docker.io/v1/}, {@code registry-1.docker.io} → {@code docker.io}; scheme and path dropped. */
  static String normaliseHost(String key) {
    String host = key.strip();
    int scheme = host.indexOf("://");
    if (scheme >= 0) {
      host = host.substring(scheme + 3);
    }
    int slash = host.indexOf('/');
    if (slash >= 0) {
      host = host.substring(0, slash);
    }
    return switch (host) {
      case "index.docker.io", "registry-1.docker.io" -> ImageReference.DOCKER_HUB;
      default -> host;
    };
  }

  @Override
  public CredentialLookup lookup(String registry) {
    CredentialLookup entry = entries.get(registry);
    if (entry != null) {
      return entry;
    }
    if (credsStore != null) {
      return new CredentialLookup.Unusable("the credentials in " + file + " are kept by the credential store docker-credential-"
          + credsStore + " (credsStore), which this tool does not run; write auths." + registry + ".auth into a config file instead");
    }
    return new CredentialLookup.None("no entry for " + registry + " in " + file);
  }

  @Override
  public String toString() {
    return "Docker config " + file;
  }
}
