/**
 * Content bundles (docs/bundles.md): every image and chart a site needs, as an OCI image layout in one signed
 * {@code .tar.zst}.
 *
 * <p>Building: describe the content as a {@link dev.lifecycle.edge.bundle.BundlePlan} (profiles, and per image or
 * chart its manifest bytes and blob descriptors), give a {@link dev.lifecycle.edge.bundle.BlobSource} to stream
 * blobs from, and call {@link dev.lifecycle.edge.bundle.BundleWriter#write} with a
 * {@link dev.lifecycle.edge.bundle.sign.SigningKey} and, for a delta bundle, the site's
 * {@link dev.lifecycle.edge.bundle.SiteInventory}.
 *
 * <p>Verifying: {@link dev.lifecycle.edge.bundle.BundleVerifier#verify} with a
 * {@link dev.lifecycle.edge.bundle.sign.TrustStore} streams the archive into a staging directory and answers
 * {@link dev.lifecycle.edge.bundle.BundleVerification.Accepted} or
 * {@link dev.lifecycle.edge.bundle.BundleVerification.Refused} with a
 * {@link dev.lifecycle.edge.bundle.archive.RefusalReason}.
 *
 * <p>The signed archive beneath ({@code archive}) serves any signed set of named files, a cluster definition too;
 * keys, signatures, trust stores and key rotation are in {@code sign}.
 */
package dev.lifecycle.edge.bundle;
