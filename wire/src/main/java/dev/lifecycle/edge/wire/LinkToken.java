package dev.lifecycle.edge.wire;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a technician gives a host so that it links to a site controller: the controller's address, the
 * SHA-256 fingerprint of its certificate (the agent pins it, since a site has no CA the host could
 * know), the site's name, and a registration token underneath (valid 2 minutes, for one host). As text
 * it is {@value #PREFIX} and the unpadded base64url of its JSON, short enough for a QR code.
 *
 * @param controller the site controller's HTTPS URL, such as {@code https://10.0.0.5:5080}
 * @param fingerprint {@code sha256:} and 64 lowercase hex digits of the certificate's DER encoding
 * @param site the site's name, shown to the technician
 * @param namespace the namespace of the RegistrationToken underneath
 * @param name the name of the RegistrationToken underneath
 * @param token the registration token's secret
 * @param expires when the token stops working, in seconds since the epoch
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LinkToken(URI controller, String fingerprint, String site, String namespace, String name, String token,
    long expires) {

  /** The text form starts with this; the digit is the format's version. */
  public static final String PREFIX = "edgelink1.";

  private static final Pattern FINGERPRINT = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final int MAX_TEXT = 4096;

  public LinkToken {
    require(controller != null, "it names no controller address");
    require("https".equalsIgnoreCase(controller.getScheme()) && controller.getHost() != null,
        "its controller address is not an https URL with a host: " + controller);
    require(fingerprint != null && FINGERPRINT.matcher(fingerprint).matches(),
        "its certificate fingerprint is not sha256: followed by 64 lowercase hex digits");
    require(site != null && !site.isBlank(), "it names no site");
    require(namespace != null && !namespace.isBlank(), "it names no token namespace");
    require(name != null && !name.isBlank(), "it names no token");
    require(token != null && !token.isBlank(), "it carries no token secret");
    require(expires > 0, "it has no expiry");
  }

  /** The text a technician types, pastes or scans. */
  public String encode() {
    try {
      byte[] json = Json.mapper().writeValueAsBytes(this);
      return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a link token", e);
    }
  }

  /**
   * Reads a link token's text (surrounding white space ignored).
   *
   * @throws IllegalArgumentException saying what is wrong with it, never quoting the secret
   */
  public static LinkToken parse(String text) {
    require(text != null, "no link token given");
    String trimmed = text.strip();
    require(trimmed.length() <= MAX_TEXT, "the link token is longer than " + MAX_TEXT + " characters");
    require(trimmed.toLowerCase(Locale.ROOT).startsWith(PREFIX),
        "this is not a link token: it does not start with " + PREFIX);
    byte[] json;
    try {
      json = Base64.getUrlDecoder().decode(trimmed.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the link token is damaged (not base64url after " + PREFIX
          + "); copy it again from the site controller");
    }
    try {
      LinkToken parsed = Json.mapper().readValue(new String(json, StandardCharsets.UTF_8), LinkToken.class);
      require(parsed != null, "the link token is empty");
      return parsed;
    } catch (JsonProcessingException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IllegalArgumentException invalid) {
        throw invalid;
      }
      throw new IllegalArgumentException("the link token is damaged (its content is not a link token's JSON); "
          + "copy it again from the site controller");
    }
  }

  /** When it stops working. */
  @JsonIgnore
  public Instant expiresAt() {
    return Instant.ofEpochSecond(expires);
  }

  /** Whether it no longer works at {@code now}. */
  public boolean expiredAt(Instant now) {
    return !now.isBefore(expiresAt());
  }

  /** Never shows the secret. */
  @Override
  public String toString() {
    return "LinkToken[controller=" + controller + ", fingerprint=" + fingerprint + ", site=" + site + ", token="
        + namespace + "/" + name + ", expiresAt=" + expiresAt() + "]";
  }

  private static void require(boolean condition, String problem) {
    if (!condition) {
      throw new IllegalArgumentException(problem.startsWith("this") || problem.startsWith("the")
          || problem.startsWith("no") ? problem : "the link token is invalid: " + problem);
    }
  }
}
