package dev.lifecycle.edge.benchmarks;

import dev.lifecycle.edge.bundle.BuiltBundle;
import dev.lifecycle.edge.bundle.BundlePlan;
import dev.lifecycle.edge.bundle.BundleVerification;
import dev.lifecycle.edge.bundle.BundleVerifier;
import dev.lifecycle.edge.bundle.BundleWriter;
import dev.lifecycle.edge.bundle.sign.SignatureAlgorithm;
import dev.lifecycle.edge.bundle.sign.SigningKey;
import dev.lifecycle.edge.bundle.sign.TrustStore;
import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Run by {@link BundleBenchmark} in a child JVM with a small -Xmx: builds a bundle from a synthetic layout, then
 * verifies it, and prints the heap figures as {@code key=value} lines.
 * Arguments: the layout directory, a work directory.
 */
final class BundleHeapProbe {

  private BundleHeapProbe() {
  }

  /** The largest heap in use right after a collection so far: the live data, garbage not counted. */
  private static final AtomicLong LIVE_AFTER_GC = new AtomicLong();
  private static final AtomicLong COLLECTIONS = new AtomicLong();

  public static void main(String[] args) throws Exception {
    watchCollections();
    Path source = Path.of(args[0]);
    Path work = Path.of(args[1]);
    BundlePlan plan = SyntheticLayout.plan(source);
    SigningKey key = SigningKey.generate(SignatureAlgorithm.ED25519);
    resetPeaks();

    BuiltBundle built = new BundleWriter(key).write(plan, SyntheticLayout.source(source), null,
        work.resolve("heap.tar.zst"));
    System.out.println("build.peak=" + heapPeak());
    System.out.println("build.live=" + LIVE_AFTER_GC.getAndSet(0));
    System.out.println("build.collections=" + COLLECTIONS.getAndSet(0));
    System.out.println("bundle.bytes=" + built.archiveBytes());
    System.out.println("content.bytes=" + built.blobBytes());
    resetPeaks();

    BundleVerification result = new BundleVerifier(TrustStore.of(key.publicKey()))
        .verify(built.archive(), null, work.resolve("heap-staging"));
    System.out.println("verify.peak=" + heapPeak());
    System.out.println("verify.live=" + LIVE_AFTER_GC.get());
    System.out.println("verify.collections=" + COLLECTIONS.get());
    System.out.println("verify.result=" + (result instanceof BundleVerification.Accepted ? "accepted"
        : ((BundleVerification.Refused) result).refusal()));
    System.out.println("heap.used=" + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    System.out.println("heap.max=" + Runtime.getRuntime().maxMemory());
  }

  private static void watchCollections() {
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) collector).addNotificationListener((notification, handback) -> {
        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
          GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
              (CompositeData) notification.getUserData());
          long after = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
              .filter(pool -> HEAP_POOLS.contains(pool.getKey()))
              .mapToLong(pool -> pool.getValue().getUsed()).sum();
          LIVE_AFTER_GC.accumulateAndGet(after, Math::max);
          COLLECTIONS.incrementAndGet();
        }
      }, null, null);
    }
  }

  private static final java.util.Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
      .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
      .collect(java.util.stream.Collectors.toSet());

  private static void resetPeaks() {
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  /** The sum of the heap pools' peaks: an upper bound of the peak heap use, as the pools peak at different times. */
  private static long heapPeak() {
    return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
        .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
  }
}
