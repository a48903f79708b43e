package dev.lifecycle.edge.oci;

import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers registries' authentication challenges: Basic with the registry's credentials, Bearer by asking
 * the token service named in the challenge (with the credentials when there are some, anonymously
 * otherwise) and caching the token per registry and scope until it expires.
 */
final class RegistryAuthenticator {

  private final CredentialSource credentials;
  private final TokenCache tokens;
  private final Clock clock;
  private final Map<String, Credential> basicRegistries = new ConcurrentHashMap<>();

  RegistryAuthenticator(CredentialSource credentials, Clock clock) {
    this.credentials = credentials;
    this.clock = clock;
    this.tokens = new TokenCache(clock);
  }

  /** The Authorization header to send before any challenge, from what earlier challenges taught. */
  Optional<String> authorization(String registry, String scope) {
    Credential basic = basicRegistries.get(registry);
    if (basic != null) {
      return Optional.of(basicHeader(basic));
    }
    return tokens.get(registry, scope).map(token -> "Bearer " + token.value());
  }

  /**
   * Prepares the authorization for a retry after a 401 with these challenges.
   *
   * @throws RegistryAuthException when the registry needs credentials we do not have, or the token service refuses ours
   */
  void answer(String registry, String repository, String scope, List<String> headers, RegistryHttp http) {
    tokens.remove(registry, scope);
    List<AuthChallenge> challenges = headers.stream().flatMap(header -> AuthChallenge.parse(header).stream()).toList();
    CredentialLookup lookup = credentials.lookup(registry);
    Optional<AuthChallenge> bearer = challenges.stream().filter(AuthChallenge::isBearer).findFirst();
    if (bearer.isPresent()) {
      tokens.put(registry, scope, fetchToken(registry, scope, bearer.get(), lookup, http));
      return;
    }
    if (challenges.stream().anyMatch(AuthChallenge::isBasic)) {
      if (lookup instanceof CredentialLookup.Found found) {
        basicRegistries.put(registry, found.credential());
        return;
      }
      if (lookup instanceof CredentialLookup.Unusable unusable) {
        throw new RegistryAuthException("registry " + registry + " requires credentials for " + repository + ": "
            + unusable.reason());
      }
      throw new RegistryAuthException("registry " + registry + " requires a user name and password for " + repository
          + ", and none was found (" + ((CredentialLookup.None) lookup).searched() + ")");
    }
    throw new RegistryAuthException("registry " + registry + " answered 401 for " + repository
        + " with no challenge this client can answer (WWW-Authenticate: " + String.join(", ", headers) + ")");
  }

  /** A sentence for a 401 or 403 that stays after the challenge was answered: which credentials were refused. */
  String refusal(String registry, String repository, String action, int status) {
    CredentialLookup lookup = credentials.lookup(registry);
    String verb = status == 403 ? "denied " + action + " of " : "refused " + action + " of ";
    String hint = lookup instanceof CredentialLookup.Found || !action.equals("pull") ? ""
        : "; some registries, Docker Hub among them, answer so when the repository does not exist";
    return "registry " + registry + " " + verb + repository + " to " + who(lookup) + " (HTTP " + status + ")" + hint;
  }

  private BearerToken fetchToken(String registry, String scope, AuthChallenge challenge, CredentialLookup lookup,
      RegistryHttp http) {
    String realm = challenge.param("realm");
    if (realm == null || realm.isBlank()) {
      throw new RegistryAuthException("registry " + registry + " asked for a bearer token without naming a realm");
    }
    StringBuilder query = new StringBuilder();
    Optional.ofNullable(challenge.param("service")).ifPresent(service -> append(query, "service", service));
    append(query, "scope", Optional.ofNullable(challenge.param("scope")).orElse(scope));
    URI uri;
    try {
      uri = URI.create(realm + (realm.contains("?") ? "&" : "?") + query);
    } catch (IllegalArgumentException e) {
      throw new RegistryAuthException("registry " + registry + " named an invalid token realm " + realm);
    }
    http.requireSecure(uri, "the token service of registry " + registry);
    Optional<Credential> credential = lookup instanceof CredentialLookup.Found found
        ? Optional.of(found.credential()) : Optional.empty();
    HttpResponse<InputStream> response = http.exchange(() -> {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().timeout(http.timeout());
      credential.ifPresent(value -> request.header("Authorization", basicHeader(value)));
      return request.build();
    }, "the token service " + realm + " of registry " + registry);
    byte[] body = RegistryHttp.readBounded(response, 1 << 20, "the token service " + realm);
    int status = response.statusCode();
    if (status == 401 || status == 403) {
      throw new RegistryAuthException("the token service " + realm + " of registry " + registry + " refused " + who(lookup)
          + " (HTTP " + status + ")");
    }
    if (status != 200) {
      throw new RegistryAuthException("the token service " + realm + " of registry " + registry + " answered HTTP " + status
          + ": " + RegistryErrors.describe(body));
    }
    return BearerToken.parse(body, clock.instant(), realm);
  }

  private static void append(StringBuilder query, String name, String value) {
    if (query.length() > 0) {
      query.append('&');
    }
    query.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
  }

  private static String basicHeader(Credential credential) {
    String pair = credential.username() + ":" + credential.password();
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  private static String who(CredentialLookup lookup) {
    if (lookup instanceof CredentialLookup.Found found) {
      return "the credentials of " + found.credential();
    }
    if (lookup instanceof CredentialLookup.Unusable unusable) {
      return "anonymous access, since " + unusable.reason();
    }
    return "anonymous access (" + ((CredentialLookup.None) lookup).searched() + ")";
  }
}
