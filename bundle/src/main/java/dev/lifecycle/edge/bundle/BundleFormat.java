package dev.lifecycle.edge.bundle;

/** The names the content-bundle format fixes (docs/bundles.md). */
public final class BundleFormat {

  public static final String FORMAT = "edge.lifecycle.dev/content-bundle";
  public static final int FORMAT_VERSION = 1;
  /** The first tar entry: the signed index. */
  public static final String INDEX = "bundle.json";
  /** The second tar entry: the detached signature over {@link #INDEX}'s exact bytes. */
  public static final String SIGNATURE = INDEX + ".sig";
  public static final String OCI_LAYOUT = "oci-layout";
  public static final String OCI_INDEX = "index.json";
  static final String BLOBS = "blobs/sha256/";

  public static final String OCI_INDEX_MEDIA_TYPE = "application/vnd.oci.image.index.v1+json";
  public static final String OCI_MANIFEST_MEDIA_TYPE = "application/vnd.oci.image.manifest.v1+json";
  public static final String DOCKER_LIST_MEDIA_TYPE = "application/vnd.docker.distribution.manifest.list.v2+json";
  public static final String DOCKER_MANIFEST_MEDIA_TYPE = "application/vnd.docker.distribution.manifest.v2+json";
  /** The annotation of {@code index.json} entries that holds the reference (as skopeo's oci: transport reads it). */
  public static final String REF_NAME_ANNOTATION = "org.opencontainers.image.ref.name";
  /** The same reference under containerd's annotation ({@code ctr import} names images by it). */
  public static final String CONTAINERD_NAME_ANNOTATION = "io.containerd.image.name";

  private BundleFormat() {
  }

  public static String blobPath(String digest) {
    return BLOBS + digest.substring("sha256:".length());
  }

  static boolean isIndex(String mediaType) {
    return OCI_INDEX_MEDIA_TYPE.equals(mediaType) || DOCKER_LIST_MEDIA_TYPE.equals(mediaType);
  }

  static boolean isManifest(String mediaType) {
    return OCI_MANIFEST_MEDIA_TYPE.equals(mediaType) || DOCKER_MANIFEST_MEDIA_TYPE.equals(mediaType);
  }
}
