package dev.lifecycle.edge.bundle.archive;

import java.util.List;

/**
 * The archive kind's own checks of its index, run after the signature is verified and before any file is read
 * (a content bundle checks its OCI references and its delta base here).
 */
@FunctionalInterface
public interface IndexAcceptance {

  void accept(byte[] index, List<ArchiveFile> files) throws RefusedException;

  static IndexAcceptance any() {
    return (index, files) -> { };
  }
}
