package dev.lifecycle.edge.benchmarks;

import dev.lifecycle.edge.bundle.BundlePlan;
import dev.lifecycle.edge.bundle.BundleVerification;
import dev.lifecycle.edge.bundle.BundleVerifier;
import dev.lifecycle.edge.bundle.BundleWriter;
import dev.lifecycle.edge.bundle.archive.Compression;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Content bundles against the command-line pipeline, in one run, on the same synthetic OCI layout (random,
 * incompressible blobs, as gzip-compressed layers are): building a signed bundle ({@link BundleWriter}: read each
 * blob, check its sha256, tar, zstd) against {@code tar -c | zstd}, and verifying it into a staging directory
 * ({@link BundleVerifier}: zstd, tar, sha256 of each blob, write) against {@code zstd -d | tar -x}, which checks
 * no digest. The sides take turns over several rounds; each side's throughput is the content over the sum of its
 * rounds' times. Target: verify at least 0.5 of the pipeline's throughput. Then, in a child JVM with a small
 * -Xmx, a bundle at least 10 times larger than the heap is built and verified, and the heap's peak printed.
 * Needs the {@code tar} and {@code zstd} programs.
 */
@Command(name = "bundle", mixinStandardHelpOptions = true,
    description = "Builds and verifies a content bundle of N MB of random blobs, and the same content with tar and "
        + "zstd; prints both throughputs, their ratios, and the heap used for a bundle 10x larger than -Xmx.")
final class BundleBenchmark implements Callable<Integer> {

  @Option(names = "--megabytes", defaultValue = "1024", description = "Content of the bundle in MiB "
      + "(default: ${DEFAULT-VALUE}).")
  private long megabytes;

  @Mixin
  private BundleRunOptions options;

  @Option(names = "--level", defaultValue = "3", description = "zstd level on both sides (default: ${DEFAULT-VALUE}).")
  private int level;

  @Option(names = "--zstd-workers", defaultValue = "1", description = "zstd worker threads of BundleWriter; 1, like "
      + "the zstd program's default, compresses on a thread of its own (default: ${DEFAULT-VALUE}).")
  private int zstdWorkers;

  @Option(names = "--heap", defaultValue = "64", description = "The child JVM's -Xmx in MiB for the heap probe; its "
      + "bundle is 10 times larger (default: ${DEFAULT-VALUE}; 0 skips the probe).")
  private int heapMegabytes;

  @Override
  public Integer call() throws Exception {
    return WorkDirectory.use(options.workDir, "bundle-benchmark", this::run);
  }

  private int run(Path work) throws Exception {
    SyntheticBundle synthetic = SyntheticBundle.generate(work.resolve("layout"), megabytes, options.layerMegabytes);
    Path source = synthetic.layout();
    BundlePlan plan = synthetic.plan();
    long content = contentBytes(source);
    int rounds = options.rounds;
    String zstd = options.zstd;
    BundleWriter writer = new BundleWriter(synthetic.key(), new Compression(level, zstdWorkers));
    BundleVerifier verifier = new BundleVerifier(synthetic.trust());
    Path ours = work.resolve("ours.tar.zst");
    Path cli = work.resolve("cli.tar.zst");

    long[] nanos = new long[4]; // ours build, cli build, ours verify, cli extract
    long oursSize = 0;
    long cliSize = 0;
    // one unmeasured round first, so that both sides run warm (JIT, page cache)
    for (int round = 0; round <= rounds; round++) {
      boolean measured = round > 0;
      boolean oursFirst = round % 2 == 1;
      for (int turn = 0; turn < 2; turn++) {
        if ((turn == 0) == oursFirst) {
          long start = System.nanoTime();
          writer.write(plan, synthetic.source(), null, ours);
          long built = System.nanoTime();
          BundleVerification result = verifier.verify(ours, null, work.resolve("staging"));
          long verified = System.nanoTime();
          if (!(result instanceof BundleVerification.Accepted)) {
            throw new IllegalStateException("our own bundle was refused: " + result);
          }
          if (measured) {
            nanos[0] += built - start;
            nanos[2] += verified - built;
          }
          oursSize = Files.size(ours);
          WorkDirectory.deleteTree(work.resolve("staging"));
          Files.delete(ours);
        } else {
          long start = System.nanoTime();
          ToolPipeline.run(List.of(List.of("tar", "-cf", "-", "-C", source.toString(), "."),
              List.of(zstd, "-q", "-" + level, "-c")), cli);
          long built = System.nanoTime();
          Path extracted = Files.createDirectories(work.resolve("extracted"));
          ToolPipeline.run(List.of(List.of(zstd, "-q", "-d", "-c", cli.toString()),
              List.of("tar", "-xf", "-", "-C", extracted.toString())), null);
          long verified = System.nanoTime();
          if (measured) {
            nanos[1] += built - start;
            nanos[3] += verified - built;
          }
          cliSize = Files.size(cli);
          WorkDirectory.deleteTree(extracted);
          Files.delete(cli);
        }
      }
    }

    double mb = content * (double) rounds / 1e6;
    double oursBuild = mb / (nanos[0] / 1e9);
    double cliBuild = mb / (nanos[1] / 1e9);
    double oursVerify = mb / (nanos[2] / 1e9);
    double cliExtract = mb / (nanos[3] / 1e9);
    System.out.println();
    System.out.printf(Locale.ROOT, "%d images, %.1f MB of blobs (MB = 10^6 bytes), zstd level %d, %d measured rounds "
        + "taking turns after one warm-up round, BundleWriter with %d zstd worker(s)%n", plan.images().size(),
        content / 1e6, level, rounds, zstdWorkers);
    System.out.printf(Locale.ROOT, "%-40s %8.1f MB/s   (archive %.1f MB)%n", "build: BundleWriter", oursBuild,
        oursSize / 1e6);
    System.out.printf(Locale.ROOT, "%-40s %8.1f MB/s   (archive %.1f MB)%n", "build: tar -c | zstd", cliBuild,
        cliSize / 1e6);
    System.out.printf(Locale.ROOT, "%-40s %8.2f%n", "ratio build ours / pipeline", oursBuild / cliBuild);
    System.out.printf(Locale.ROOT, "%-40s %8.1f MB/s%n", "verify: BundleVerifier (sha256, staged)", oursVerify);
    System.out.printf(Locale.ROOT, "%-40s %8.1f MB/s%n", "extract: zstd -d | tar -x (no digests)", cliExtract);
    System.out.printf(Locale.ROOT, "%-40s %8.2f (target >= 0.50)%n", "ratio verify ours / pipeline",
        oursVerify / cliExtract);
    if (heapMegabytes > 0) {
      heapProbe(work, source, content);
    }
    System.out.println();
    return 0;
  }

  private void heapProbe(Path work, Path mainLayout, long mainContent) throws IOException, InterruptedException {
    long needed = 10L * heapMegabytes << 20;
    Path layout = mainLayout;
    if (mainContent < needed) {
      layout = work.resolve("heap-layout");
      System.out.printf(Locale.ROOT, "generating %d MiB of random blobs for the heap probe ...%n", needed >> 20);
      SyntheticLayout.generate(layout, needed >> 20, options.layerMegabytes, 7);
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path probeWork = Files.createDirectories(work.resolve("heap-probe"));
    Process process = new ProcessBuilder(java, "-Xmx" + heapMegabytes + "m", "-cp",
        System.getProperty("java.class.path"), BundleHeapProbe.class.getName(), layout.toString(),
        probeWork.toString()).redirectErrorStream(true).start();
    Map<String, String> figures = new HashMap<>();
    List<String> other = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        int equals = line.indexOf('=');
        if (equals > 0 && !line.contains(" ")) {
          figures.put(line.substring(0, equals), line.substring(equals + 1));
        } else {
          other.add(line);
        }
      }
    }
    int exit = process.waitFor();
    if (exit != 0 || !"accepted".equals(figures.get("verify.result"))) {
      System.out.println("heap probe failed (exit " + exit + "): " + figures + " " + String.join("\n", other));
      return;
    }
    long bundle = Long.parseLong(figures.get("bundle.bytes"));
    long max = Long.parseLong(figures.get("heap.max"));
    System.out.printf(Locale.ROOT, "heap probe: child JVM -Xmx%dm (max heap %.1f MiB), bundle %.1f MiB = %.1f x the "
            + "heap, built and verified (accepted)%n", heapMegabytes, max / 1048576.0, bundle / 1048576.0,
        bundle / (double) max);
    for (String phase : List.of("build", "verify")) {
      long collections = Long.parseLong(figures.get(phase + ".collections"));
      System.out.printf(Locale.ROOT, "%-40s %s, %5.1f MiB peak with garbage%n", "heap while " + phase + "ing",
          collections == 0 ? "no collection needed"
              : String.format(Locale.ROOT, "%5.1f MiB live after GC (%d collections)", mib(figures.get(phase + ".live")),
                  collections),
          mib(figures.get(phase + ".peak")));
    }
    System.out.println("(live after GC: the most the heap held right after a collection; peak with garbage: the sum "
        + "of the heap pools' peaks, which grows with the young generation the collector chose, not with the data)");
  }

  private static double mib(String bytes) {
    return Long.parseLong(bytes) / 1048576.0;
  }

  private static long contentBytes(Path layout) throws IOException {
    try (Stream<Path> blobs = Files.list(layout.resolve("blobs/sha256"))) {
      return blobs.mapToLong(path -> {
        try {
          return Files.size(path);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).sum();
    }
  }

}
