package dev.lifecycle.edge.site.auth;

import dev.lifecycle.edge.site.api.ApiProblem;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * Logins, sessions and passwords of the site API, over the files of {@code DIR/auth}: reads the facts, lets
 * {@link LoginRules} and {@link SessionJudge} decide, stores what they say. Refusals are {@link ApiProblem}s whose
 * messages never carry a password or a token.
 *
 * <p>Passwords are hashed with BCrypt (cost {@value #DEFAULT_COST} by default, about a quarter of a second on a
 * small host): it is salted, slow by design, and spring-security-crypto's {@code BCrypt} needs no further
 * dependency (its Argon2 encoder needs BouncyCastle, its encoder classes commons-logging). BCrypt reads 72 bytes at
 * most; {@link PasswordPolicy} refuses longer passwords rather than cut them silently.
 */
public final class AuthService {

  public static final int DEFAULT_COST = 12;

  private final Path authDir;
  private final Clock clock;
  private final SecureRandom random;
  private final int cost;
  private final UserStore users;
  private final Lockouts lockouts;
  private final Revocations revocations;
  private final SessionTokens tokens;
  /** Checked against for unknown users, so that a login takes as long whether the user exists or not. */
  private final String decoyHash;
  /**
   * Held from reading the failed attempts to storing them: parallel guesses would otherwise read the same count and
   * get more than {@link LoginRules#MAX_FAILURES} tries. Logins are rare at a site; locked ones check no hash.
   */
  private final Object attemptsLock = new Object();

  public AuthService(Path dataDir, Clock clock, int bcryptCost, SecureRandom random) {
    this.authDir = OwnerOnlyFiles.directory(dataDir.resolve("auth"));
    this.clock = clock;
    this.random = random;
    this.cost = bcryptCost;
    this.users = new UserStore(authDir);
    this.lockouts = new Lockouts(authDir);
    this.revocations = new Revocations(authDir);
    this.tokens = new SessionTokens(SessionKey.load(authDir, random));
    this.decoyHash = hash(Long.toHexString(random.nextLong()));
    InitialAdmin.ensure(users, authDir, this::hash, random);
  }

  public static AuthService open(Path dataDir) {
    return new AuthService(dataDir, Clock.systemUTC(), DEFAULT_COST, new SecureRandom());
  }

  public Path authDir() {
    return authDir;
  }

  public SessionTokens tokens() {
    return tokens;
  }

  /** Whether {@code name} is a user of the site. */
  public boolean isUser(String name) {
    return users.find(name).isPresent();
  }

  /** Logs {@code user} in from {@code address}. */
  public IssuedSession login(String user, String password, String address) {
    synchronized (attemptsLock) {
      return loginOnce(user, password, address);
    }
  }

  private IssuedSession loginOnce(String user, String password, String address) {
    Instant now = clock.instant();
    Optional<User> known = users.find(user);
    String userKey = Lockouts.userKey(user);
    String addressKey = Lockouts.addressKey(address);
    LoginRules.Decision decision = LoginRules.decide(now, known.map(u -> lockouts.get(userKey)),
        lockouts.get(addressKey), () -> matches(password, known.map(User::passwordHash).orElse(null)));
    if (decision instanceof LoginRules.Locked locked) {
      throw lockedOut(locked.until(), now);
    }
    if (decision instanceof LoginRules.Refused refused) {
      Map<String, Attempts> changes = new LinkedHashMap<>();
      refused.user().ifPresent(a -> changes.put(userKey, a));
      changes.put(addressKey, refused.address());
      lockouts.put(changes, now);
      if (refused.lockedUntil().isPresent()) {
        throw lockedOut(refused.lockedUntil().get(), now);
      }
      throw ApiProblem.unauthorized("LoginFailed", "wrong user name or password");
    }
    LoginRules.Granted granted = (LoginRules.Granted) decision;
    Map<String, Attempts> changes = new LinkedHashMap<>();
    changes.put(userKey, granted.user());
    changes.put(addressKey, granted.address());
    lockouts.put(changes, now);
    User found = known.orElseThrow();
    return issue(found, newSid(), now, now.plus(SessionJudge.LIFETIME), now);
  }

  /** The principal of a session token; a 401 when it is not a good one. */
  public Principal authenticate(String token, boolean viaCookie) {
    Optional<SessionClaims> claims = tokens.verify(token);
    if (claims.isEmpty()) {
      throw ApiProblem.unauthorized("SessionInvalid", "the session is not valid (not signed by this site, or "
          + "damaged); log in again");
    }
    Instant now = clock.instant();
    Optional<User> user = users.find(claims.get().user());
    SessionJudge.Verdict verdict = SessionJudge.judge(claims.get(), now, user.map(User::sessionGeneration),
        revocations::contains);
    if (verdict instanceof SessionJudge.Rejected rejected) {
      throw ApiProblem.unauthorized(rejected.code(), rejected.message());
    }
    SessionJudge.Valid valid = (SessionJudge.Valid) verdict;
    Optional<IssuedSession> renewed = valid.renewUntil().map(until -> issue(user.get(), valid.claims().sid(), now,
        until, valid.claims().authTime()));
    return new Principal(valid.claims(), viaCookie, user.get().mustChangePassword(), renewed);
  }

  /** The CSRF token of the principal's session. */
  public String csrfToken(Principal principal) {
    return tokens.csrfToken(principal.session().sid());
  }

  /** Ends the principal's session, and every renewal of it. */
  public void logout(Principal principal) {
    revocations.revoke(principal.session().sid(), principal.session().authTime().plus(SessionJudge.MAX_AGE),
        clock.instant());
  }

  /**
   * Changes the principal's password: the old one must be right (a wrong one counts as a failed login), the new one
   * must pass {@link PasswordPolicy}. Every other session of the user ends; the caller gets a new one.
   */
  public IssuedSession changePassword(Principal principal, String oldPassword, String newPassword, String address) {
    synchronized (attemptsLock) {
      return changePasswordOnce(principal, oldPassword, newPassword, address);
    }
  }

  private IssuedSession changePasswordOnce(Principal principal, String oldPassword, String newPassword,
      String address) {
    Instant now = clock.instant();
    User user = users.find(principal.user()).orElseThrow(() -> ApiProblem.unauthorized("SessionInvalid",
        "the session's user no longer exists"));
    Optional<String> weak = PasswordPolicy.problem(user.name(), oldPassword, newPassword);
    String userKey = Lockouts.userKey(user.name());
    String addressKey = Lockouts.addressKey(address);
    LoginRules.Decision decision = LoginRules.decide(now, Optional.of(lockouts.get(userKey)),
        lockouts.get(addressKey), () -> matches(oldPassword, user.passwordHash()));
    if (decision instanceof LoginRules.Locked locked) {
      throw lockedOut(locked.until(), now);
    }
    if (decision instanceof LoginRules.Refused refused) {
      lockouts.put(Map.of(userKey, refused.user().orElseThrow(), addressKey, refused.address()), now);
      if (refused.lockedUntil().isPresent()) {
        throw lockedOut(refused.lockedUntil().get(), now);
      }
      throw ApiProblem.forbidden("WrongPassword", "the old password is wrong");
    }
    if (weak.isPresent()) {
      throw ApiProblem.invalid(weak.get());
    }
    User changed = new User(user.name(), hash(newPassword), false, user.sessionGeneration() + 1,
        now.truncatedTo(ChronoUnit.SECONDS).toString());
    users.put(changed);
    InitialAdmin.forget(authDir);
    return issue(changed, newSid(), now, now.plus(SessionJudge.LIFETIME), now);
  }

  private IssuedSession issue(User user, String sid, Instant now, Instant expiresAt, Instant authTime) {
    SessionClaims claims = new SessionClaims(user.name(), sid, user.sessionGeneration(),
        now.truncatedTo(ChronoUnit.SECONDS), expiresAt.truncatedTo(ChronoUnit.SECONDS),
        authTime.truncatedTo(ChronoUnit.SECONDS));
    return new IssuedSession(tokens.sign(claims), claims, tokens.csrfToken(sid), user.mustChangePassword());
  }

  private boolean matches(String password, String hash) {
    if (password == null || password.isEmpty()) {
      return false;
    }
    if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > PasswordPolicy.MAX_BYTES) {
      BCrypt.checkpw("x", decoyHash);
      return false;
    }
    boolean right = BCrypt.checkpw(password, hash == null ? decoyHash : hash);
    return hash != null && right;
  }

  private String hash(String password) {
    return BCrypt.hashpw(password, BCrypt.gensalt(cost, random));
  }

  private String newSid() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static ApiProblem lockedOut(Instant until, Instant now) {
    long seconds = Math.max(1, Duration.between(now, until).toSeconds());
    return new ApiProblem(429, "TooManyFailedLogins", "too many failed logins for this user or from this address: "
        + "logins are refused until " + until.truncatedTo(ChronoUnit.SECONDS) + " (in " + seconds
        + " s); try again then", seconds);
  }
}
