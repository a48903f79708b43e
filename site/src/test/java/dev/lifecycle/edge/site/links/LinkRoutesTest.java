package dev.lifecycle.edge.site.links;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.ClusterAssignment;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostSpec;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.HostRole;
import dev.lifecycle.edge.api.v1alpha1.RegistrationToken;
import dev.lifecycle.edge.api.v1alpha1.Remediation;
import dev.lifecycle.edge.apiserver.EmbeddedKubernetes;
import dev.lifecycle.edge.operator.OwnedSecrets;
import dev.lifecycle.edge.operator.token.TokenSecrets;
import dev.lifecycle.edge.site.api.SiteApi;
import dev.lifecycle.edge.site.audit.AuditEntry;
import dev.lifecycle.edge.site.testing.MutableClock;
import dev.lifecycle.edge.site.testing.SiteApiHarness;
import dev.lifecycle.edge.site.testing.SiteApiHarness.Answer;
import dev.lifecycle.edge.wire.LinkToken;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkRoutesTest {

  private static EmbeddedKubernetes kubernetes;
  private static int namespaces;
  @TempDir
  Path dir;
  private SiteApiHarness site;
  private SiteApiHarness.Session admin;

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
    String namespace = "links-" + (++namespaces);
    kubernetes.createNamespace(namespace);
    site = new SiteApiHarness(dir, new MutableClock(Instant.now()), kubernetes, namespace, SiteApi.Limits.DEFAULT);
    admin = site.admin();
  }

  @AfterEach
  void stop() {
    site.close();
  }

  @Test
  @DisplayName("When a link token is created, then it is a 2-minute, one-host RegistrationToken whose Secret holds the value the text carries; the list shows no secret; a revoke stops it")
  void createListRevoke() {
    Answer created = site.asBearer(admin, "POST", "/api/site/v1/links");
    assertThat(created.status()).isEqualTo(201);
    JsonObject body = created.json();
    LinkToken token = LinkToken.parse(body.getString("text"));
    assertThat(token.controller()).isEqualTo(SiteApiHarness.CONTROLLER);
    assertThat(token.fingerprint()).isEqualTo(SiteApiHarness.FINGERPRINT);
    assertThat(token.site()).isEqualTo("store-0042");
    assertThat(token.namespace()).isEqualTo(site.namespace);
    assertThat(token.name()).isEqualTo(body.getString("name"));
    assertThat(Instant.parse(body.getString("expiresAt"))).isEqualTo(token.expiresAt())
        .isEqualTo(Instant.parse(body.getString("createdAt")).plus(Duration.ofMinutes(2)));

    RegistrationToken stored = kubernetes.client().resources(RegistrationToken.class).inNamespace(site.namespace)
        .withName(token.name()).get();
    assertThat(stored.getSpec().getTtl()).isEqualTo("2m");
    assertThat(stored.getSpec().getMaxRegistrations()).isEqualTo(1);
    Secret secret = kubernetes.client().secrets().inNamespace(site.namespace).withName(token.name()).get();
    assertThat(TokenSecrets.ownedBy(secret, stored)).isTrue();
    assertThat(TokenSecrets.tokenOf(secret)).contains(token.token());
    assertThat(OwnedSecrets.controllerOf(secret)).isEqualTo("RegistrationToken/" + token.name());

    Answer listed = site.asBearer(admin, "GET", "/api/site/v1/links");
    assertThat(listed.json().getJsonArray("links")).hasSize(1);
    assertThat(listed.json().getJsonArray("links").getJsonObject(0).getString("createdBy")).isEqualTo("admin");
    assertThat(listed.body()).doesNotContain(token.token()).doesNotContain("edgelink1.");

    assertThat(site.asBearer(admin, "DELETE", "/api/site/v1/links/" + token.name()).status()).isEqualTo(204);
    assertThat(kubernetes.client().resources(RegistrationToken.class).inNamespace(site.namespace)
        .withName(token.name()).get().getSpec().isRevoked()).isTrue();
    assertThat(site.asBearer(admin, "GET", "/api/site/v1/links").json().getJsonArray("links")).isEmpty();
    assertThat(site.auditEntries()).extracting(AuditEntry::action, AuditEntry::target, AuditEntry::actor,
        AuditEntry::result).startsWith(
            org.assertj.core.groups.Tuple.tuple("link.revoke", "link/" + token.name(), "admin", "ok"),
            org.assertj.core.groups.Tuple.tuple("link.create", "link/" + token.name(), "admin", "ok"));

    // A JSON body on a route that takes none is read within the bounds and not used.
    Answer withBody = site.call("POST", "/api/site/v1/links", "{}", "Content-Type", "application/json",
        "Authorization", "Bearer " + admin.token());
    assertThat(withBody.status()).isEqualTo(201);
    assertThat(site.asBearer(admin, "DELETE", "/api/site/v1/links/" + withBody.json().getString("name")).status())
        .isEqualTo(204);
  }

  @Test
  @DisplayName("When hosts are listed, reset and unlinked, then the answer is in words, a reset puts the replace annotation, an unlink deletes the EdgeHost")
  void hosts() {
    host("store-a", "store-0042", EdgeHostStatus.Phase.Running);
    host("store-b", null, EdgeHostStatus.Phase.Available);
    Answer listed = site.asBearer(admin, "GET", "/api/site/v1/hosts");
    assertThat(listed.json().getJsonArray("hosts")).hasSize(2);
    JsonObject first = listed.json().getJsonArray("hosts").getJsonObject(0);
    assertThat(first.getString("name")).isEqualTo("store-a");
    assertThat(first.getString("phase")).isEqualTo("Running");
    assertThat(first.getString("cluster")).isEqualTo("store-0042");
    assertThat(first.getString("role")).isEqualTo("worker");

    Answer reset = site.asBearer(admin, "POST", "/api/site/v1/hosts/store-a/reset");
    assertThat(reset.status()).isEqualTo(202);
    assertThat(kubernetes.client().resources(EdgeHost.class).inNamespace(site.namespace).withName("store-a").get()
        .getMetadata().getAnnotations()).containsKey(Remediation.REPLACE_ANNOTATION);
    assertThat(site.asBearer(admin, "POST", "/api/site/v1/hosts/store-a/reset").status()).isEqualTo(409);
    assertThat(site.asBearer(admin, "POST", "/api/site/v1/hosts/store-b/reset").json().getString("message"))
        .contains("in no cluster");

    assertThat(site.asBearer(admin, "DELETE", "/api/site/v1/hosts/store-b").status()).isEqualTo(204);
    assertThat(kubernetes.client().resources(EdgeHost.class).inNamespace(site.namespace).withName("store-b").get())
        .isNull();
    assertThat(site.asBearer(admin, "DELETE", "/api/site/v1/hosts/store-b").status()).isEqualTo(404);
  }

  @Test
  @DisplayName("When the namespace has Events, then GET /events lists them newest first in words")
  void events() {
    event("e1", "Registered", "host registered", "2026-12-06T10:00:00Z");
    event("e2", "Unreachable", "last seen 2026-12-06T10:05:00Z", "2026-12-06T10:10:00Z");
    Answer events = site.asBearer(admin, "GET", "/api/site/v1/events?limit=10");
    assertThat(events.status()).isEqualTo(200);
    JsonObject newest = events.json().getJsonArray("events").getJsonObject(0);
    assertThat(newest.getString("reason")).isEqualTo("Unreachable");
    assertThat(newest.getString("object")).isEqualTo("EdgeHost store-a");
    assertThat(newest.getString("message")).isEqualTo("last seen 2026-12-06T10:05:00Z");
    assertThat(events.json().getJsonArray("events")).hasSize(2);
  }

  private void host(String name, String cluster, EdgeHostStatus.Phase phase) {
    EdgeHost host = new EdgeHost();
    host.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(site.namespace).build());
    EdgeHostSpec spec = new EdgeHostSpec();
    spec.setMachineId("machine-" + name);
    host.setSpec(spec);
    EdgeHost created = kubernetes.client().resource(host).create();
    EdgeHostStatus status = new EdgeHostStatus();
    status.setPhase(phase);
    if (cluster != null) {
      ClusterAssignment assignment = new ClusterAssignment();
      assignment.setName(cluster);
      assignment.setRole(HostRole.WORKER);
      status.setCluster(assignment);
    }
    created.setStatus(status);
    kubernetes.client().resource(created).updateStatus();
  }

  private void event(String name, String reason, String message, String time) {
    kubernetes.client().v1().events().inNamespace(site.namespace).resource(new EventBuilder()
        .withNewMetadata().withName(name).withNamespace(site.namespace).endMetadata()
        .withNewInvolvedObject().withKind("EdgeHost").withName("store-a").withNamespace(site.namespace)
        .endInvolvedObject()
        .withReason(reason).withMessage(message).withType("Normal").withLastTimestamp(time).withCount(1)
        .build()).create();
  }
}
