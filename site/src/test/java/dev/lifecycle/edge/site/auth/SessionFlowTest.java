package dev.lifecycle.edge.site.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.apiserver.EmbeddedKubernetes;
import dev.lifecycle.edge.site.api.SiteApi;
import dev.lifecycle.edge.site.testing.MutableClock;
import dev.lifecycle.edge.site.testing.SiteApiHarness;
import dev.lifecycle.edge.site.testing.SiteApiHarness.Answer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionFlowTest {

  private static EmbeddedKubernetes kubernetes;
  private static int namespaces;
  @TempDir
  Path dir;
  private SiteApiHarness site;

  @BeforeAll
  static void startApi() {
    kubernetes = EmbeddedKubernetes.start();
  }

  @AfterAll
  static void stopApi() {
    kubernetes.close();
  }

  @BeforeEach
  void start() {
    String namespace = "flow-" + (++namespaces);
    kubernetes.createNamespace(namespace);
    site = new SiteApiHarness(dir, new MutableClock(Instant.now()), kubernetes, namespace, SiteApi.Limits.DEFAULT);
  }

  @AfterEach
  void stop() {
    site.close();
  }

  @Test
  @DisplayName("When a site starts the first time, then the initial admin password is in an owner-only file and so are the other auth files")
  void initialPasswordFile() throws Exception {
    Path file = dir.resolve("auth/initial-admin-password");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("auth"))))
        .isEqualTo("rwx------");
    for (String name : new String[] {"users.json", "session-key"}) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("auth").resolve(name))))
          .as(name).isEqualTo("rw-------");
    }
    assertThat(site.initialPassword()).hasSize(24);
    assertThat(Files.readString(dir.resolve("auth/users.json"))).doesNotContain(site.initialPassword());
  }

  @Test
  @DisplayName("When the admin logs in with the initial password, then it must be changed before anything else, and the file goes once it is")
  void firstLoginMustChange() {
    Answer login = site.login("admin", site.initialPassword());
    assertThat(login.status()).isEqualTo(200);
    JsonObject body = login.json();
    assertThat(body.getBoolean("mustChangePassword")).isTrue();
    assertThat(login.cookie()).contains("edge_site_session=").contains("Secure").containsIgnoringCase("HttpOnly")
        .containsIgnoringCase("SameSite=Strict").contains("Path=/");
    String token = body.getString("token");
    assertThat(site.call("GET", "/api/site/v1/hosts", null, "Authorization", "Bearer " + token).json()
        .getString("error")).isEqualTo("PasswordChangeRequired");
    assertThat(site.call("GET", "/api/site/v1/session", null, "Authorization", "Bearer " + token).status())
        .isEqualTo(200);

    SiteApiHarness.Session session = site.admin();
    assertThat(Files.exists(dir.resolve("auth/initial-admin-password"))).isFalse();
    assertThat(site.asBearer(session, "GET", "/api/site/v1/hosts").status()).isEqualTo(200);
    // The session of the initial password ended with the change.
    assertThat(site.call("GET", "/api/site/v1/session", null, "Authorization", "Bearer " + token).json()
        .getString("error")).isEqualTo("SessionEnded");
    Answer again = site.login("admin", SiteApiHarness.NEW_PASSWORD);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().getBoolean("mustChangePassword")).isFalse();
  }

  @Test
  @DisplayName("When a cookie session changes something, then the CSRF token of GET /session lets it; logout ends the session")
  void cookieSessionWithCsrfAndLogout() {
    SiteApiHarness.Session session = site.admin();
    String csrf = site.asCookie(session, "GET", "/api/site/v1/session", null).json().getString("csrfToken");
    assertThat(csrf).isEqualTo(session.csrf());
    assertThat(site.asCookie(session, "POST", "/api/site/v1/links", csrf).status()).isEqualTo(201);
    Answer logout = site.asCookie(session, "DELETE", "/api/site/v1/session", csrf);
    assertThat(logout.status()).isEqualTo(204);
    assertThat(logout.cookie()).contains("Max-Age=0");
    assertThat(site.asBearer(session, "GET", "/api/site/v1/hosts").json().getString("error"))
        .isEqualTo("SessionEnded");
  }

  @Test
  @DisplayName("When half of a session's life has passed, then a request renews it (sliding), and the renewal is ended by the same logout")
  void slidingRenewal() {
    SiteApiHarness.Session session = site.admin();
    site.clock.advance(Duration.ofMinutes(10));
    Answer renewing = site.asBearer(session, "GET", "/api/site/v1/hosts");
    assertThat(renewing.status()).isEqualTo(200);
    String renewed = renewing.header(AuthRoutes.RENEWED_HEADER);
    assertThat(renewed).isNotNull().isNotEqualTo(session.token());
    site.clock.advance(Duration.ofMinutes(10));
    SiteApiHarness.Session next = new SiteApiHarness.Session(renewed, session.csrf());
    assertThat(site.asBearer(session, "GET", "/api/site/v1/hosts").json().getString("error"))
        .isEqualTo("SessionExpired");
    assertThat(site.asBearer(next, "GET", "/api/site/v1/hosts").status()).isEqualTo(200);
    assertThat(site.asBearer(next, "DELETE", "/api/site/v1/session").status()).isEqualTo(204);
    assertThat(site.asBearer(next, "GET", "/api/site/v1/hosts").status()).isEqualTo(401);
  }

  @Test
  @DisplayName("When a password change breaks a rule, then it says which, and the old password still works")
  void weakPassword() {
    String token = site.login("admin", site.initialPassword()).json().getString("token");
    Answer weak = site.call("POST", "/api/site/v1/password", new JsonObject().put("oldPassword",
        site.initialPassword()).put("newPassword", "short").encode(), "Content-Type", "application/json",
        "Authorization", "Bearer " + token);
    assertThat(weak.status()).isEqualTo(422);
    assertThat(weak.json().getString("message")).contains("at least 12 characters");
    assertThat(site.login("admin", site.initialPassword()).status()).isEqualTo(200);
  }
}
