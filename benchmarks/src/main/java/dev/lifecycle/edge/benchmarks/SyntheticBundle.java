package dev.lifecycle.edge.benchmarks;

import dev.lifecycle.edge.bundle.BlobSource;
import dev.lifecycle.edge.bundle.BundlePlan;
import dev.lifecycle.edge.bundle.sign.SignatureAlgorithm;
import dev.lifecycle.edge.bundle.sign.SigningKey;
import dev.lifecycle.edge.bundle.sign.TrustStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What the bundle benchmarks start from: a {@link SyntheticLayout} of random blobs (the same seed, so the same
 * content, in every benchmark), its bundle plan, and a fresh key to sign bundles of it with.
 *
 * @param layout where the layout's files are
 */
record SyntheticBundle(Path layout, BundlePlan plan, SigningKey key) {

  /** Generates about {@code megabytes} MiB of blobs (layers of about {@code layerMegabytes} MiB) into {@code layout}. */
  static SyntheticBundle generate(Path layout, long megabytes, int layerMegabytes) throws IOException {
    System.out.printf(Locale.ROOT, "generating %d MiB of random blobs in %s ...%n", megabytes, layout);
    SyntheticLayout.generate(layout, megabytes, layerMegabytes, 42);
    return new SyntheticBundle(layout, SyntheticLayout.plan(layout), SigningKey.generate(SignatureAlgorithm.ED25519));
  }

  /** The layout's blobs, as the bundle writer reads them. */
  BlobSource source() {
    return SyntheticLayout.source(layout);
  }

  /** A trust store of the signing key alone. */
  TrustStore trust() {
    return TrustStore.of(key.publicKey());
  }
}
