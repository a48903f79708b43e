package dev.lifecycle.edge.site.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Session tokens: JWTs signed with HMAC-SHA256 under the site's session key (nimbus-jose-jwt), and the CSRF token
 * bound to a session (an HMAC of its {@code sid}, so it needs no storage and changes with every session).
 * {@link #verify} accepts only HS256 with type {@value #TYPE} and the site's issuer: {@code alg: none}, another
 * algorithm, another key or altered claims are all rejected.
 */
public final class SessionTokens {

  static final String ISSUER = "edge-site";
  static final String TYPE = "edge-site-session+jwt";

  private final byte[] key;

  public SessionTokens(byte[] key) {
    this.key = key.clone();
  }

  public String sign(SessionClaims claims) {
    JWTClaimsSet set = new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .subject(claims.user())
        .jwtID(claims.sid())
        .issueTime(Date.from(claims.issuedAt()))
        .expirationTime(Date.from(claims.expiresAt()))
        .claim("auth_time", claims.authTime().getEpochSecond())
        .claim("gen", claims.generation())
        .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType(TYPE)).build(),
        set);
    try {
      jwt.sign(new MACSigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a session", e);
    }
    return jwt.serialize();
  }

  /** The claims of a token this site signed, or empty for anything else. */
  public Optional<SessionClaims> verify(String token) {
    if (token == null || token.length() > 4096) {
      return Optional.empty();
    }
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      JWSHeader header = jwt.getHeader();
      if (!JWSAlgorithm.HS256.equals(header.getAlgorithm()) || header.getType() == null
          || !TYPE.equals(header.getType().getType()) || header.getCriticalParams() != null) {
        return Optional.empty();
      }
      if (!jwt.verify(new MACVerifier(key))) {
        return Optional.empty();
      }
      JWTClaimsSet set = jwt.getJWTClaimsSet();
      if (!ISSUER.equals(set.getIssuer()) || set.getSubject() == null || set.getJWTID() == null
          || set.getIssueTime() == null || set.getExpirationTime() == null || set.getLongClaim("gen") == null
          || set.getLongClaim("auth_time") == null) {
        return Optional.empty();
      }
      return Optional.of(new SessionClaims(set.getSubject(), set.getJWTID(), set.getLongClaim("gen"),
          set.getIssueTime().toInstant(), set.getExpirationTime().toInstant(),
          Instant.ofEpochSecond(set.getLongClaim("auth_time"))));
    } catch (ParseException | JOSEException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The CSRF token of the session {@code sid}. */
  public String csrfToken(String sid) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] tag = mac.doFinal(("csrf|" + sid).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** Whether {@code presented} is the CSRF token of {@code sid}, compared in constant time. */
  public boolean csrfMatches(String sid, String presented) {
    return presented != null && MessageDigest.isEqual(csrfToken(sid).getBytes(StandardCharsets.US_ASCII),
        presented.getBytes(StandardCharsets.UTF_8));
  }
}
