package dev.lifecycle.edge.oci;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Run in a JVM with a heap far smaller than the blob: pushes a file as a blob, then pulls it back verified to
 * nowhere, and prints the digest. Used by {@link LargeBlobSystemTest}.
 */
public final class BlobCopy {

  private BlobCopy() {
  }

  public static void main(String[] args) throws Exception {
    String registry = args[0];
    Path file = Path.of(args[1]);
    ImageReference repository = ImageReference.parse(registry + "/large/blob:1");
    RegistryClient client = RegistryClient.builder().plainHttp(registry).build();
    Descriptor pushed = client.pushBlob(repository, "application/octet-stream", file);
    long read;
    try (InputStream in = client.openBlob(repository, pushed)) {
      read = in.transferTo(OutputStream.nullOutputStream());
    }
    System.out.println(pushed.digest() + " " + read + " max-heap=" + Runtime.getRuntime().maxMemory());
  }
}
