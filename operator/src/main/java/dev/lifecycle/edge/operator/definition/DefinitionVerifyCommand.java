package dev.lifecycle.edge.operator.definition;

import dev.lifecycle.edge.bundle.archive.RefusedException;
import dev.lifecycle.edge.bundle.sign.TrustStore;
import dev.lifecycle.edge.cli.TrustKeyOptions;
import java.io.IOException;
import org.apache.commons.io.file.PathUtils;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code definition verify}: the checks a site makes, against the keys it trusts. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Verify a cluster definition as a site does (the signature against the trusted keys, every "
        + "file against the index) and list the profile versions it holds. Exits 1 with the reason when refused.")
public final class DefinitionVerifyCommand implements Callable<Integer> {

  @Mixin
  private TrustKeyOptions keys;

  @Option(names = "--allow-unsigned",
      description = "Accept an unsigned definition (its files are still checked against its index). Default: "
          + "a signature by a trusted key is required.")
  private boolean allowUnsigned;

  @Option(names = "--in", required = true, paramLabel = "FILE", description = "The definition archive.")
  private Path in;

  @Option(names = "--extract", paramLabel = "DIR",
      description = "Keep the verified files in DIR (empty or absent); by default nothing is kept.")
  private Path extract;

  @Spec
  private CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    TrustStore store;
    try {
      store = TrustStore.load(keys.trust(), keys.rotations());
    } catch (IOException | IllegalArgumentException e) {
      err.println("cannot read the trusted keys: " + e.getMessage());
      return 1;
    }
    DefinitionVerifier verifier = allowUnsigned ? DefinitionVerifier.allowingUnsigned(store)
        : DefinitionVerifier.signedBy(store);
    Path staging = extract != null ? extract : Files.createTempDirectory("edge-definition-");
    try (InputStream stream = Files.newInputStream(in)) {
      VerifiedDefinition verified = verifier.verify(stream, staging);
      PrintWriter out = spec.commandLine().getOut();
      out.println("Verified " + in + ": " + (verified.signer() == null ? "UNSIGNED (accepted: --allow-unsigned)"
          : "signed by trusted key " + verified.signer()) + "; namespace " + verified.index().namespace() + "; "
          + verified.index().files().size() + " files, each matching its sha256:");
      DefinitionPrinting.profiles(verified.index(), out);
      if (extract != null) {
        out.println("Verified files kept in " + extract);
      }
      return 0;
    } catch (RefusedException e) {
      err.println("refused: " + e.refusal().reason() + ": " + e.refusal().message());
      return 1;
    } catch (IOException | IllegalArgumentException e) {
      err.println("cannot verify " + in + ": " + e.getMessage());
      return 1;
    } finally {
      if (extract == null) {
        if (Files.exists(staging)) {
          PathUtils.deleteDirectory(staging);
        }
      }
    }
  }

}
