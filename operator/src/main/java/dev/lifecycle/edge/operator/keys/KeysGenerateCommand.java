package dev.lifecycle.edge.operator.keys;

import dev.lifecycle.edge.bundle.sign.SignatureAlgorithm;
import dev.lifecycle.edge.bundle.sign.SigningKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code keys generate}: a new signing key and its public key. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Generate a signing key: KEY.pem (private and public key, mode 0600: keep it secret) and "
        + "KEY.pub.pem (the public key, for the sites' trust store). Never overwrites a file.")
public final class KeysGenerateCommand implements Callable<Integer> {

  /** The algorithms as written on the command line. */
  enum Algorithm {
    ed25519(SignatureAlgorithm.ED25519), ecdsa_p256(SignatureAlgorithm.ECDSA_P256_SHA256);

    private final SignatureAlgorithm algorithm;

    Algorithm(SignatureAlgorithm algorithm) {
      this.algorithm = algorithm;
    }
  }

  @Option(names = "--algorithm", defaultValue = "ed25519", paramLabel = "ALG",
      converter = AlgorithmConverter.class,
      description = "ed25519 (default) or ecdsa-p256.")
  private Algorithm algorithm;

  @Option(names = "--out", required = true, paramLabel = "KEY.pem", description = "The signing key file to write.")
  private Path out;

  @Spec
  private CommandSpec spec;

  @Override
  public Integer call() {
    SigningKey key = SigningKey.generate(algorithm.algorithm);
    try {
      List<Path> written = KeyFiles.write(key, out);
      PrintWriter stdout = spec.commandLine().getOut();
      stdout.println("Wrote " + written.get(0) + " (signing key, keep it secret) and " + written.get(1)
          + " (public key): " + key.algorithm().id() + " key " + key.keyId());
      stdout.flush();
      return 0;
    } catch (IOException e) {
      spec.commandLine().getErr().println("cannot write the key: " + e.getMessage());
      return 1;
    }
  }

  /** {@code ed25519} or {@code ecdsa-p256}, with the choices in the error. */
  static final class AlgorithmConverter implements picocli.CommandLine.ITypeConverter<Algorithm> {
    @Override
    public Algorithm convert(String value) {
      return switch (value) {
        case "ed25519" -> Algorithm.ed25519;
        case "ecdsa-p256" -> Algorithm.ecdsa_p256;
        default -> throw new picocli.CommandLine.TypeConversionException("'" + value
            + "' is not an algorithm: choose ed25519 or ecdsa-p256");
      };
    }
  }
}
