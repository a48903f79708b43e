package dev.lifecycle.edge.benchmarks;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostSpec;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.apiserver.EmbeddedKubernetes;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The embedded API's write throughput through HTTP with its durable store (each write appended and
 * synced before its answer) against the same API in memory, in one run, on a site's workload: N hosts
 * created, then their status heartbeats and the Events a site's controller writes, from a few clients at
 * once. The sides take turns over several rounds, each on a fresh API. Then the durable directory's
 * size before and after a compaction, against the live objects' JSON.
 */
@Command(name = "store", mixinStandardHelpOptions = true,
    description = "Writes a site's workload (hosts, status heartbeats, Events) through the embedded API, durable "
        + "(synced) and in memory; prints writes/s of both, their ratio, and the store's size after compaction.")
final class StoreBenchmark implements Callable<Integer> {

  @Option(names = "--hosts", defaultValue = "50", description = "EdgeHosts (default: ${DEFAULT-VALUE}).")
  private int hosts;

  @Option(names = "--events", defaultValue = "3000", description = "Events written (default: ${DEFAULT-VALUE}).")
  private int events;

  @Option(names = "--heartbeats", defaultValue = "20", description = "Status writes per host (default: "
      + "${DEFAULT-VALUE}).")
  private int heartbeats;

  @Option(names = "--clients", defaultValue = "4", description = "Clients writing at once (default: ${DEFAULT-VALUE}).")
  private int clients;

  @Option(names = "--rounds", defaultValue = "2", description = "Measured rounds per side (default: ${DEFAULT-VALUE}).")
  private int rounds;

  @Option(names = "--dir", description = "Where the durable stores go (default: a temporary directory, deleted at "
      + "the end). Put it on the disk a site would use: a tmpfs syncs for free.")
  private Path dir;

  @Override
  public Integer call() throws Exception {
    return WorkDirectory.use(dir, "store-benchmark", this::run);
  }

  private int run(Path work) throws Exception {
    int writes = hosts + hosts * heartbeats + events;
    System.out.printf(Locale.ROOT, "workload: %d hosts, %d status writes, %d Events = %d writes, %d clients%n",
        hosts, hosts * heartbeats, events, writes, clients);
    long[] nanos = new long[2]; // durable, in memory
    Path last = null;
    for (int round = 0; round <= rounds; round++) {
      boolean measured = round > 0;
      for (int turn = 0; turn < 2; turn++) {
        boolean durable = (turn == 0) == (round % 2 == 1);
        Path store = work.resolve("round-" + round).resolve("store");
        try (EmbeddedKubernetes api = durable ? EmbeddedKubernetes.startDurable(store, 0) : EmbeddedKubernetes.start()) {
          long elapsed = workload(api);
          if (measured) {
            nanos[durable ? 0 : 1] += elapsed;
          }
          System.out.printf(Locale.ROOT, "round %d %-9s %8.0f writes/s%s%n", round, durable ? "durable" : "in-memory",
              writes / (elapsed / 1e9), measured ? "" : " (warm-up, not counted)");
          if (durable) {
            last = store;
            long before = size(store);
            long json = liveJson(api);
            api.compactStore();
            System.out.printf(Locale.ROOT, "          store %s: %,d bytes before compaction, %,d after; live objects' "
                + "JSON %,d bytes%n", store, before, size(store), json);
          }
        }
      }
    }
    double durableRate = rounds * (double) writes / (nanos[0] / 1e9);
    double memoryRate = rounds * (double) writes / (nanos[1] / 1e9);
    System.out.printf(Locale.ROOT, "%nwrites/s through the API, %d rounds each: durable (synced) %.0f, in memory %.0f, "
        + "ratio durable/in-memory %.2f%n", rounds, durableRate, memoryRate, durableRate / memoryRate);
    System.out.printf(Locale.ROOT, "store directory after compaction: %,d bytes (%s)%n", size(last), last);
    return 0;
  }

  /** Creates the hosts, then writes heartbeats and Events from several clients at once; returns the time taken. */
  private long workload(EmbeddedKubernetes api) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<KubernetesClient> clientsOfPool = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      clientsOfPool.add(api.newClient());
    }
    try {
      long start = System.nanoTime();
      runAll(pool, hosts, (client, i) -> {
        EdgeHost host = new EdgeHost();
        host.setMetadata(new ObjectMetaBuilder().withName("host-" + i).addToLabels("edge.lifecycle.dev/site", "s1")
            .build());
        host.setSpec(new EdgeHostSpec("machine-" + i));
        client.resource(host).create();
      }, clientsOfPool);
      long statusWrites = (long) hosts * heartbeats;
      long total = statusWrites + events;
      runAll(pool, (int) total, (client, i) -> {
        // status writes spread evenly among the Events, each host in turn
        long before = i * statusWrites / total;
        if ((i + 1) * statusWrites / total > before) {
          // as the reconcilers write status: a fresh object with the name and the status only
          EdgeHost host = new EdgeHost();
          host.setMetadata(new ObjectMetaBuilder().withName("host-" + (before % hosts)).build());
          host.setStatus(new EdgeHostStatus());
          host.getStatus().setPhase(EdgeHostStatus.Phase.Running);
          host.getStatus().setLastSeen(Instant.now().toString());
          client.resource(host).patchStatus();
        } else {
          client.v1().events().resource(new EventBuilder().withNewMetadata().withName("event-" + i).endMetadata()
              .withNewInvolvedObject().withKind("EdgeHost").withName("host-" + (i % hosts)).endInvolvedObject()
              .withReason("Heartbeat").withMessage("host-" + (i % hosts) + " reported Running on profile 1.2.3")
              .withType("Normal").withLastTimestamp(Instant.now().toString()).build()).create();
        }
      }, clientsOfPool);
      return System.nanoTime() - start;
    } finally {
      pool.shutdownNow();
      clientsOfPool.forEach(KubernetesClient::close);
    }
  }

  private interface Write {
    void write(KubernetesClient client, int i);
  }

  private void runAll(ExecutorService pool, int count, Write write, List<KubernetesClient> apiClients)
      throws Exception {
    List<Future<?>> done = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int client = c;
      done.add(pool.submit(() -> {
        for (int i = client; i < count; i += clients) {
          write.write(apiClients.get(client), i);
        }
      }));
    }
    for (Future<?> future : done) {
      future.get();
    }
  }

  private static long liveJson(EmbeddedKubernetes api) {
    long bytes = 0;
    bytes += api.client().resources(EdgeHost.class).inAnyNamespace().list().getItems().stream()
        .mapToLong(host -> io.fabric8.kubernetes.client.utils.Serialization.asJson(host).length()).sum();
    bytes += api.client().v1().events().inAnyNamespace().list().getItems().stream()
        .mapToLong(event -> io.fabric8.kubernetes.client.utils.Serialization.asJson(event).length()).sum();
    return bytes;
  }

  private static long size(Path directory) {
    try (Stream<Path> files = Files.walk(directory)) {
      return files.filter(Files::isRegularFile).mapToLong(file -> {
        try {
          return Files.size(file);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

}
