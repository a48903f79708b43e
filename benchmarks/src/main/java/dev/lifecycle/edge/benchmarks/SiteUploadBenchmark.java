package dev.lifecycle.edge.benchmarks;

import dev.lifecycle.edge.bundle.BundlePlan;
import dev.lifecycle.edge.bundle.BundleVerification;
import dev.lifecycle.edge.bundle.BundleVerifier;
import dev.lifecycle.edge.bundle.BundleWriter;
import dev.lifecycle.edge.bundle.archive.Compression;
import dev.lifecycle.edge.bundle.sign.TrustStore;
import dev.lifecycle.edge.site.content.ContentLimits;
import dev.lifecycle.edge.site.content.ContentStore;
import dev.lifecycle.edge.site.content.UploadOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The site's content store against the command-line pipeline, in one run, on the same bundle file: an upload into
 * {@link ContentStore} (zstd, tar, the signature and every blob's sha256 checked, staged, fsynced, moved by digest,
 * the index written atomically) against {@code zstd -d | tar -x} of the file, which checks nothing and syncs nothing.
 * The sides take turns over several rounds after a warm-up; each side's throughput is the bundle's content over the
 * sum of its rounds' times. Beside them, the verifier alone into a staging directory (what the store adds: fsync,
 * moves, the index), and the same bundle uploaded again into a store that holds it (verified, found present).
 * Without {@code zstd} or {@code tar} on the PATH, the pipeline's side is skipped with a message.
 */
@Command(name = "site-upload", mixinStandardHelpOptions = true,
    description = "Uploads a content bundle of N MiB of random blobs into the site's content store (verify and keep) "
        + "and extracts the same file with zstd -d | tar -x; prints both throughputs and their ratio.")
final class SiteUploadBenchmark implements Callable<Integer> {

  @Option(names = "--megabytes", defaultValue = "512", description = "Content of the bundle in MiB "
      + "(default: ${DEFAULT-VALUE}).")
  private long megabytes;

  @Mixin
  private BundleRunOptions options;

  @Override
  public Integer call() throws Exception {
    return WorkDirectory.use(options.workDir, "site-upload-benchmark", this::run);
  }

  private int run(Path work) throws Exception {
    SyntheticBundle synthetic = SyntheticBundle.generate(work.resolve("layout"), megabytes, options.layerMegabytes);
    BundlePlan plan = synthetic.plan();
    Path bundle = work.resolve("bundle.tar.zst");
    long content = new BundleWriter(synthetic.key(), Compression.defaults()).write(plan, synthetic.source(), null,
        bundle).blobBytes();
    WorkDirectory.deleteTree(synthetic.layout());
    TrustStore trust = synthetic.trust();
    int rounds = options.rounds;
    String missing = missingProgram();
    if (missing != null) {
      System.out.println("the pipeline's side is skipped: " + missing);
    }

    long ours = 0;
    long cli = 0;
    long verifyOnly = 0;
    BundleVerifier verifier = new BundleVerifier(trust);
    for (int round = 0; round <= rounds; round++) {
      boolean measured = round > 0;
      boolean oursFirst = round % 2 == 1;
      // what the store adds to verification (fsync, moves, the index): the verifier alone into a staging directory
      Path staging = work.resolve("staging");
      long verifyStart = System.nanoTime();
      if (!(verifier.verify(bundle, null, staging) instanceof BundleVerification.Accepted)) {
        throw new IllegalStateException("the bundle was refused");
      }
      verifyOnly += measured ? System.nanoTime() - verifyStart : 0;
      WorkDirectory.deleteTree(staging);
      for (int turn = 0; turn < 2; turn++) {
        if ((turn == 0) == oursFirst) {
          Path store = work.resolve("store");
          long start = System.nanoTime();
          upload(ContentStore.open(store, trust, ContentLimits.defaults(), Clock.systemUTC()), bundle, false);
          long took = System.nanoTime() - start;
          ours += measured ? took : 0;
          WorkDirectory.deleteTree(store);
        } else if (missing == null) {
          Path extracted = Files.createDirectories(work.resolve("extracted"));
          long start = System.nanoTime();
          ToolPipeline.run(List.of(List.of(options.zstd, "-q", "-d", "-c", bundle.toString()),
              List.of("tar", "-xf", "-", "-C", extracted.toString())), null);
          long took = System.nanoTime() - start;
          cli += measured ? took : 0;
          WorkDirectory.deleteTree(extracted);
        }
      }
    }
    Path store = work.resolve("store");
    ContentStore holding = ContentStore.open(store, trust, ContentLimits.defaults(), Clock.systemUTC());
    upload(holding, bundle, false);
    long start = System.nanoTime();
    for (int round = 0; round < rounds; round++) {
      upload(holding, bundle, true);
    }
    long again = System.nanoTime() - start;

    double mb = content * (double) rounds / 1e6;
    double oursRate = mb / (ours / 1e9);
    System.out.println();
    System.out.printf(Locale.ROOT, "%d images, %.1f MB of blobs (MB = 10^6 bytes), bundle %.1f MB, %d measured rounds "
        + "taking turns after one warm-up round%n", plan.images().size(), content / 1e6, Files.size(bundle) / 1e6,
        rounds);
    System.out.printf(Locale.ROOT, "%-48s %8.1f MB/s%n", "upload: ContentStore (verify, fsync, keep)", oursRate);
    if (missing == null) {
      double cliRate = mb / (cli / 1e9);
      System.out.printf(Locale.ROOT, "%-48s %8.1f MB/s%n", "extract: zstd -d | tar -x (no digests, no fsync)",
          cliRate);
      System.out.printf(Locale.ROOT, "%-48s %8.2f%n", "ratio upload / pipeline", oursRate / cliRate);
    }
    System.out.printf(Locale.ROOT, "%-48s %8.1f MB/s%n", "verify alone: BundleVerifier (no fsync, no keep)",
        mb / (verifyOnly / 1e9));
    System.out.printf(Locale.ROOT, "%-48s %8.1f MB/s%n", "upload again (verified, already present)",
        mb / (again / 1e9));
    System.out.println();
    return 0;
  }

  private static void upload(ContentStore store, Path bundle, boolean expectPresent) throws IOException {
    try (InputStream in = Files.newInputStream(bundle)) {
      UploadOutcome outcome = store.upload(in, null);
      if (!(outcome instanceof UploadOutcome.Stored stored) || stored.alreadyPresent() != expectPresent) {
        throw new IllegalStateException("the store answered " + outcome);
      }
    }
  }

  /** Why the pipeline cannot run, or null when zstd and tar both answer. */
  private String missingProgram() {
    for (List<String> probe : List.of(List.of(options.zstd, "--version"), List.of("tar", "--version"))) {
      try {
        Process process = new ProcessBuilder(probe).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
          return probe.get(0) + " --version failed";
        }
      } catch (IOException | InterruptedException e) {
        return probe.get(0) + " is not on the PATH (" + e.getMessage() + ")";
      }
    }
    return null;
  }

}
