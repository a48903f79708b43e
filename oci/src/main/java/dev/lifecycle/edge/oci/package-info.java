/**
 * A client of the OCI distribution API (registries), to pull images and Helm charts into content bundles and
 * to fill registries in tests.
 *
 * <ul>
 *   <li>{@link dev.lifecycle.edge.oci.ImageReference#parse} and {@link dev.lifecycle.edge.oci.ChartReference#parse}
 *       normalise what profiles name ({@code nginx} is {@code docker.io/library/nginx:latest}).</li>
 *   <li>{@link dev.lifecycle.edge.oci.RegistryClient#resolve} fetches the manifest or index a reference points at,
 *       narrows an index to the {@link dev.lifecycle.edge.oci.Platform}s asked for, and returns a
 *       {@link dev.lifecycle.edge.oci.ResolvedImage}: the raw manifest bytes and the descriptors of every blob.</li>
 *   <li>{@link dev.lifecycle.edge.oci.RegistryClient#openBlob} streams a blob and fails the read, naming the digest,
 *       when its content does not match.</li>
 *   <li>Credentials: {@link dev.lifecycle.edge.oci.DockerConfigCredentials} or
 *       {@link dev.lifecycle.edge.oci.CredentialSource#of}; basic and bearer-token challenges are answered by the
 *       client.</li>
 * </ul>
 *
 * Failures are {@link dev.lifecycle.edge.oci.RegistryException}s (auth: {@link dev.lifecycle.edge.oci.RegistryAuthException},
 * missing tag: {@link dev.lifecycle.edge.oci.ManifestNotFoundException}, missing platform:
 * {@link dev.lifecycle.edge.oci.MissingPlatformException}) whose messages name the registry, the reference and the
 * credentials' source, never a secret.
 */
package dev.lifecycle.edge.oci;
