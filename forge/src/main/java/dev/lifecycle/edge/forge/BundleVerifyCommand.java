package dev.lifecycle.edge.forge;

import dev.lifecycle.edge.bundle.BundleVerification;
import dev.lifecycle.edge.bundle.BundleVerifier;
import dev.lifecycle.edge.bundle.SiteInventory;
import dev.lifecycle.edge.bundle.sign.TrustStore;
import dev.lifecycle.edge.cli.TrustKeyOptions;
import java.io.IOException;
import org.apache.commons.io.file.PathUtils;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bundle verify}: the site's checks (BundleVerifier), run anywhere; prints what the bundle holds. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Verify a content bundle as a site does (the signature of bundle.json against trusted keys, "
        + "then every file's size and digest) and print what it holds. Exit code 1 and the reason when refused.")
public final class BundleVerifyCommand implements Callable<Integer> {

  @Mixin
  private TrustKeyOptions keys;

  @Option(names = "--in", required = true, paramLabel = "BUNDLE.tar.zst", description = "The bundle.")
  private Path in;

  @Option(names = "--inventory", paramLabel = "SITE-INVENTORY.json",
      description = "What the site holds: a delta bundle is accepted only when it holds the bundle's base blobs.")
  private Path inventory;

  @Option(names = "--extract", paramLabel = "DIR",
      description = "Keep the verified OCI image layout (and bundle.json) in this directory, which must be empty "
          + "or absent; for skopeo (oci:DIR:REFERENCE) or a registry. Nothing is kept when refused.")
  private Path extract;

  @Spec
  private CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    TrustStore store;
    SiteInventory site;
    try {
      store = TrustStore.load(keys.trust(), keys.rotations());
      site = inventory == null ? null : SiteInventory.read(inventory);
      if (!Files.isRegularFile(in)) {
        throw new IllegalArgumentException("--in " + in + " does not exist");
      }
      if (extract != null && Files.isDirectory(extract)) {
        try (Stream<Path> entries = Files.list(extract)) {
          if (entries.findAny().isPresent()) {
            throw new IllegalArgumentException("--extract " + extract + " is not empty");
          }
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      err.println("bundle verify: " + e.getMessage());
      return 2;
    }
    Path staging = extract != null ? extract : Files.createTempDirectory("edge-bundle-verify-");
    try {
      BundleVerification verdict = new BundleVerifier(store).verify(in, site, staging);
      if (verdict instanceof BundleVerification.Refused refused) {
        err.println("bundle verify: refused " + in + ": " + refused.refusal());
        return 1;
      }
      BundleVerification.Accepted accepted = (BundleVerification.Accepted) verdict;
      PrintWriter out = spec.commandLine().getOut();
      out.println("verified " + in + ": signed by " + accepted.archive().signer().value()
          + (extract != null ? ", OCI layout in " + extract : ""));
      out.println(BundleSummary.contents(accepted.index()));
      return 0;
    } finally {
      if (extract == null) {
        PathUtils.deleteDirectory(staging);
      }
    }
  }

}
