package dev.lifecycle.edge.oci;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A token service as the distribution registry's token auth expects one (docs: "Token Authentication
 * Specification"): checks Basic credentials, and issues an ES256 JWT whose {@code x5c} header holds the
 * certificate of the registry's {@code rootcertbundle}, with {@code iss}, {@code aud} (the service) and the
 * granted {@code access}. Known users get pull and push; anonymous callers get pull.
 */
final class TokenServer implements AutoCloseable {

  static final String SERVICE = "edge-test-registry";
  static final String ISSUER = "edge-test-token-service";

  private final HttpsServer server;
  private final TestPki pki;
  private final Map<String, String> users;
  final AtomicInteger issued = new AtomicInteger();

  TokenServer(TestPki pki, Map<String, String> users) throws Exception {
    this.pki = pki;
    this.users = Map.copyOf(users);
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(pki.serverContext()));
    server.createContext("/token", this::handle);
    server.start();
  }

  String realm() {
    return "https://127.0.0.1:" + server.getAddress().getPort() + "/token";
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String user = authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
      if (user == null) {
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      List<String> scopes = new ArrayList<>();
      String service = null;
      String query = exchange.getRequestURI().getRawQuery();
      for (String pair : query == null ? new String[0] : query.split("&")) {
        String[] kv = pair.split("=", 2);
        String value = URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8);
        if (kv[0].equals("scope")) {
          scopes.add(value);
        } else if (kv[0].equals("service")) {
          service = value;
        }
      }
      if (!SERVICE.equals(service)) {
        exchange.sendResponseHeaders(400, -1);
        return;
      }
      String token = sign(user, scopes);
      issued.incrementAndGet();
      byte[] body = ("{\"token\":\"" + token + "\",\"expires_in\":300,\"issued_at\":\"" + Instant.now() + "\"}")
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    } catch (Exception e) {
      throw new IOException(e);
    }
  }

  /** The user name, "" for anonymous, null for wrong credentials. */
  private String authenticate(String header) {
    if (header == null) {
      return "";
    }
    if (!header.startsWith("Basic ")) {
      return null;
    }
    String pair = new String(java.util.Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
    int colon = pair.indexOf(':');
    String user = pair.substring(0, colon);
    return pair.substring(colon + 1).equals(users.get(user)) ? user : null;
  }

  private String sign(String user, List<String> scopes) throws Exception {
    List<Map<String, Object>> access = new ArrayList<>();
    for (String scope : scopes) {
      String[] parts = scope.split(":");
      List<String> granted = new ArrayList<>();
      for (String action : parts[parts.length - 1].split(",")) {
        if (action.equals("pull") || action.equals("push") && !user.isEmpty()) {
          granted.add(action);
        }
      }
      access.add(Map.of("type", parts[0], "name", String.join(":", java.util.Arrays.copyOfRange(parts, 1, parts.length - 1)),
          "actions", granted));
    }
    Instant now = Instant.now();
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(ISSUER).subject(user).audience(SERVICE)
        .expirationTime(Date.from(now.plusSeconds(300))).notBeforeTime(Date.from(now.minusSeconds(5)))
        .issueTime(Date.from(now)).jwtID(UUID.randomUUID().toString())
        .claim("access", access)
        .build();
    JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256)
        .x509CertChain(List.of(Base64.encode(pki.certificate.getEncoded())))
        .build();
    SignedJWT jwt = new SignedJWT(header, claims);
    jwt.sign(new ECDSASigner((ECPrivateKey) pki.key));
    return jwt.serialize();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
