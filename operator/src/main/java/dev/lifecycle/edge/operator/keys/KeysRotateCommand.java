package dev.lifecycle.edge.operator.keys;

import dev.lifecycle.edge.bundle.sign.KeyId;
import dev.lifecycle.edge.bundle.sign.KeyRotation;
import dev.lifecycle.edge.bundle.sign.PemKeys;
import dev.lifecycle.edge.bundle.sign.SigningKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code keys rotate}: a statement, signed by a key sites trust, that they are to trust a new key. */
@Command(name = "rotate", mixinStandardHelpOptions = true,
    description = "Sign, with a key the sites trust (--old), a key rotation statement that makes them trust a new "
        + "public key (--new), and optionally revoke the old key. Sites apply it to their trust store "
        + "(definition verify --rotation). Never overwrites a file.")
public final class KeysRotateCommand implements Callable<Integer> {

  @Option(names = "--old", required = true, paramLabel = "OLD.pem",
      description = "The signing key sites trust now (PEM: PRIVATE KEY and PUBLIC KEY blocks).")
  private Path oldKey;

  @Option(names = "--new", required = true, paramLabel = "NEW.pub.pem",
      description = "The public key to trust from now on.")
  private Path newKey;

  @Option(names = "--revoke-old",
      description = "Also revoke the old key: sites refuse what it signs from then on, for good.")
  private boolean revokeOld;

  @Option(names = "--out", required = true, paramLabel = "ROTATION.json", description = "The statement to write.")
  private Path out;

  @Spec
  private CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    SigningKey signer;
    PublicKey successor;
    try {
      signer = SigningKey.read(oldKey);
    } catch (IOException | IllegalArgumentException e) {
      err.println("cannot read the old signing key " + oldKey + ": " + e.getMessage());
      return 1;
    }
    try {
      successor = PemKeys.readPublicKey(Files.readString(newKey, StandardCharsets.US_ASCII));
    } catch (IOException | IllegalArgumentException e) {
      err.println("cannot read the new public key " + newKey + ": " + e.getMessage());
      return 1;
    }
    if (KeyId.of(successor).equals(signer.keyId())) {
      err.println("the new key is the old key " + signer.keyId() + ": give the public key of a new key");
      return 1;
    }
    List<KeyId> revokes = new ArrayList<>();
    if (revokeOld) {
      revokes.add(signer.keyId());
    }
    byte[] statement = new KeyRotation(successor, revokes).sign(signer);
    try {
      Files.write(out, statement, StandardOpenOption.CREATE_NEW);
    } catch (IOException e) {
      err.println("cannot write " + out + ": " + (Files.exists(out) ? "it exists already; not overwritten"
          : e.getMessage()));
      return 1;
    }
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.println("Wrote " + out + ": key " + signer.keyId() + " makes sites trust key " + KeyId.of(successor)
        + (revokeOld ? ", and revokes itself" : ""));
    stdout.flush();
    return 0;
  }
}
