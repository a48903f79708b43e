package dev.lifecycle.edge.operator.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lifecycle.edge.operator.variables.VariableSecrets;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Registry credentials read from a Secret: of type {@code kubernetes.io/basic-auth} (keys {@code username} and
 * {@code password}) or {@code kubernetes.io/dockerconfigjson} (the {@code auths} entry of the registry's host, with
 * {@code username} and {@code password} or {@code auth}, base64 of user:password). Messages never hold a value.
 */
public final class RegistryCredentials {

  public static final String BASIC_AUTH = "kubernetes.io/basic-auth";
  public static final String DOCKER_CONFIG_JSON = "kubernetes.io/dockerconfigjson";
  private static final String DOCKER_CONFIG_KEY = ".dockerconfigjson";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a Secret yields: credentials, or why it yields none. */
  public sealed interface Outcome permits Found, Invalid {
  }

  /**
   * @param username the user name
   * @param password the password; {@link #toString()} never shows it
   */
  public record Found(String username, String password) implements Outcome {
    @Override
    public String toString() {
      return "Found[username=" + username + ", password=(hidden)]";
    }
  }

  /** @param message why, naming the Secret and the key or entry, never a value */
  public record Invalid(String message) implements Outcome {
  }

  private RegistryCredentials() {
  }

  /** The credentials the Secret holds for the registry host (host:port). */
  public static Outcome read(Secret secret, String host) {
    String name = secret.getMetadata().getName();
    String type = secret.getType() == null ? "Opaque" : secret.getType();
    if (type.equals(BASIC_AUTH)) {
      Optional<String> username = VariableSecrets.valueOf(secret, "username");
      Optional<String> password = VariableSecrets.valueOf(secret, "password");
      if (username.isEmpty() || password.isEmpty() || password.get().isEmpty()) {
        return new Invalid("Secret " + name + " of type " + BASIC_AUTH + " needs the keys username and password");
      }
      return new Found(username.get(), password.get());
    }
    if (type.equals(DOCKER_CONFIG_JSON)) {
      return dockerConfig(name, VariableSecrets.valueOf(secret, DOCKER_CONFIG_KEY), host);
    }
    return new Invalid("Secret " + name + " is of type " + type + "; registry credentials come from a Secret of type "
        + BASIC_AUTH + " or " + DOCKER_CONFIG_JSON);
  }

  private static Outcome dockerConfig(String name, Optional<String> text, String host) {
    if (text.isEmpty()) {
      return new Invalid("Secret " + name + " of type " + DOCKER_CONFIG_JSON + " has no key " + DOCKER_CONFIG_KEY);
    }
    JsonNode auths;
    try {
      auths = JSON.readTree(text.get()).path("auths");
    } catch (IOException e) {
      // The parser's message may quote the text: never pass it on.
      return new Invalid("Secret " + name + ": " + DOCKER_CONFIG_KEY + " is not JSON");
    }
    for (Iterator<Map.Entry<String, JsonNode>> entries = auths.fields(); entries.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = entries.next();
      if (!hostOf(entry.getKey()).equals(host)) {
        continue;
      }
      JsonNode auth = entry.getValue();
      String username = auth.path("username").asText("");
      String password = auth.path("password").asText("");
      if (!username.isEmpty() && !password.isEmpty()) {
        return new Found(username, password);
      }
      String encoded = auth.path("auth").asText("");
      try {
        String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        if (colon > 0 && colon < decoded.length() - 1) {
          return new Found(decoded.substring(0, colon), decoded.substring(colon + 1));
        }
      } catch (IllegalArgumentException notBase64) {
        // Reported below, without the value.
      }
      return new Invalid("Secret " + name + ": the " + DOCKER_CONFIG_KEY + " entry for " + host + " has neither "
          + "username and password nor an auth of base64 user:password");
    }
    return new Invalid("Secret " + name + ": " + DOCKER_CONFIG_KEY + " has no auths entry for " + host);
  }

  /** The host:port of an auths key, which Docker writes as a host, a URL, or a URL with a path. */
  private static String hostOf(String key) {
    String withScheme = key.contains("://") ? key : "https://" + key;
    try {
      URI uri = URI.create(withScheme);
      return uri.getPort() < 0 ? String.valueOf(uri.getHost()) : uri.getHost() + ":" + uri.getPort();
    } catch (IllegalArgumentException e) {
      return key;
    }
  }
}
