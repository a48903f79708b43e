package dev.lifecycle.edge.operator.gateway.caches;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostSpec;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.RegistrationRecord;
import dev.lifecycle.edge.api.v1alpha1.RegistrationToken;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenStatus;
import dev.lifecycle.edge.operator.security.Hashes;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.informers.impl.cache.CacheImpl;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The gateway's lookups in its informer caches, while the informer keeps updating the object looked
 * up: fabric8's cache takes an updated object out of its indexes and files it again, and a lookup in
 * between used to miss it (a registration refused with 401 "unknown registration token" in the middle
 * of a fleet's registration, because the token's status had just been rewritten).
 */
class ConsistentIndexTest {

  private static final String TOKEN = "a-registration-token-value";
  /** Enough lookups to hit the gap many times over without the fix (without the fix, about one lookup in ten misses). */
  private static final int LOOKUPS = 20_000;

  @Test
  @DisplayName("When the token's status is rewritten over and over, then its value is found by every lookup")
  void tokenBeingUpdatedIsAlwaysFound() throws InterruptedException {
    CacheImpl<RegistrationToken> cache = new CacheImpl<>();
    cache.addIndexers(GatewayCaches.tokenIndexers());
    int misses = missesWhileUpdating(cache, ConsistentIndexTest::token,
        () -> GatewayCaches.tokenFor(cache, TOKEN).isPresent());
    assertThat(misses).as("lookups that did not find the token").isZero();
  }

  @Test
  @DisplayName("When a host's status is rewritten over and over, then it is found by machine id and by token")
  void hostBeingUpdatedIsAlwaysFound() throws InterruptedException {
    CacheImpl<EdgeHost> cache = new CacheImpl<>();
    cache.addIndexers(HostDirectory.indexers());
    int misses = missesWhileUpdating(cache, ConsistentIndexTest::host,
        () -> ConsistentIndex.byIndex(cache, HostDirectory.BY_MACHINE_ID, "machine-1").size() == 1
            && ConsistentIndex.byIndex(cache, HostDirectory.BY_TOKEN, "store/bench").size() == 1);
    assertThat(misses).as("lookups that did not find the host").isZero();
  }

  private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> int missesWhileUpdating(CacheImpl<T> cache,
      IntFunction<T> version, BooleanSupplier found) throws InterruptedException {
    cache.put(version.apply(1));
    AtomicBoolean stop = new AtomicBoolean();
    Thread informer = new Thread(() -> {
      for (int v = 2; !stop.get(); v++) {
        cache.put(version.apply(v));
      }
    }, "informer");
    informer.start();
    int misses = 0;
    try {
      for (int i = 0; i < LOOKUPS; i++) {
        if (!found.getAsBoolean()) {
          misses++;
        }
      }
    } finally {
      stop.set(true);
      informer.join();
    }
    return misses;
  }

  /** The token at one resourceVersion: only its registration count changes, never its hash. */
  private static RegistrationToken token(int version) {
    RegistrationToken token = new RegistrationToken();
    token.setMetadata(new ObjectMetaBuilder().withNamespace("store").withName("bench")
        .withResourceVersion(Integer.toString(version)).build());
    RegistrationTokenStatus status = new RegistrationTokenStatus();
    status.setTokenHash(Hashes.sha256(TOKEN));
    status.setRegistrations(version);
    token.setStatus(status);
    return token;
  }

  /** The host at one resourceVersion: only its lastSeen changes, never its machine id or token. */
  private static EdgeHost host(int version) {
    EdgeHost host = new EdgeHost();
    host.setMetadata(new ObjectMetaBuilder().withNamespace("store").withName("host-1")
        .withResourceVersion(Integer.toString(version)).build());
    host.setSpec(new EdgeHostSpec("machine-1"));
    EdgeHostStatus status = new EdgeHostStatus();
    RegistrationRecord registration = new RegistrationRecord();
    registration.setTokenName("bench");
    registration.setMachineId("machine-1");
    status.setRegistration(registration);
    status.setLastSeen("2026-03-01T10:00:" + String.format("%02d", version % 60) + "Z");
    host.setStatus(status);
    return host;
  }
}
