package dev.lifecycle.edge.oci;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A client of the OCI distribution API: resolves references to manifests (indexes narrowed to platforms),
 * streams blobs verified against their digests, and pushes blobs and manifests.
 *
 * <pre>{@code
 * RegistryClient client = RegistryClient.builder()
 *     .credentials(DockerConfigCredentials.load(path))
 *     .caCertificates(List.of(caPem))
 *     .build();
 * ResolvedImage image = client.resolve(ImageReference.parse("nginx:1.27"), List.of(Platform.LINUX_AMD64));
 * for (Descriptor blob : image.blobs()) {
 *   try (InputStream in = client.openBlob(image.reference(), blob)) { ... }
 * }
 * }</pre>
 *
 * Thread-safe: one client serves parallel pulls and shares their tokens.
 */
public final class RegistryClient {

  /** The distribution registry's own limit for a manifest. */
  static final int MAX_MANIFEST_BYTES = 4 << 20;
  /** An image config is read to learn a single-platform image's platform; larger ones are refused. */
  static final int MAX_CONFIG_BYTES = 8 << 20;
  private static final String OCTET_STREAM = "application/octet-stream";

  private final RegistryHttp http;

  private RegistryClient(RegistryHttp http) {
    this.http = http;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Fetches the manifest or index a reference points at, and checks its bytes against the digest of the
   * reference (when it has one) and the registry's {@code Docker-Content-Digest}.
   *
   * @throws ManifestNotFoundException when the registry has no such tag, digest or repository
   */
  public ManifestContent fetchManifest(ImageReference reference) {
    HttpResponse<InputStream> response = http.send(call("GET", manifestUri(reference, reference.manifestReference()),
        reference, false, Map.of("Accept", MediaTypes.MANIFEST_ACCEPT), BodyPublishers::noBody));
    byte[] body = RegistryHttp.readBounded(response, MAX_MANIFEST_BYTES, "the manifest of " + reference);
    int status = response.statusCode();
    if (status == 404) {
      List<String> codes = RegistryErrors.codes(body);
      String what = codes.contains("NAME_UNKNOWN")
          ? "the repository " + reference.repository() + " does not exist on " + reference.registry()
          : (reference.digest() != null ? "no manifest with digest " + reference.digest() : "no tag " + reference.tag())
              + " in " + reference.repositoryName();
      throw new ManifestNotFoundException(reference, "manifest unknown: " + reference + ": " + what);
    }
    if (status != 200) {
      throw unexpected(reference.registry(), "GET manifest of " + reference, status, body);
    }
    ManifestContent content = ManifestParser.parse(body, response.headers().firstValue("Content-Type").orElse(null),
        reference.toString());
    Digest pinned = reference.digest();
    if (pinned != null && !pinned.matches(pinned.newHasher().digest(body))) {
      throw new RegistryException("the manifest served for " + reference + " does not match its digest "
          + "(the registry's content for it is corrupt or was replaced; got " + content.descriptor().digest() + ")");
    }
    Optional<String> served = response.headers().firstValue("Docker-Content-Digest");
    if (served.isPresent() && served.get().startsWith("sha256:")
        && !served.get().equals(content.descriptor().digest().toString())) {
      throw new RegistryException("registry " + reference.registry() + " says the manifest of " + reference + " has digest "
          + served.get() + ", but its bytes have " + content.descriptor().digest());
    }
    return content;
  }

  /**
   * Resolves a reference to what a bundle needs: an index narrowed to the platforms asked for (each
   * platform's manifest fetched), or a single manifest (a single-platform image must serve every platform
   * asked for; artifacts such as Helm charts have no platform). An empty list of platforms keeps all.
   *
   * @throws MissingPlatformException naming the reference and the platforms it lacks
   */
  public ResolvedImage resolve(ImageReference reference, List<Platform> platforms) {
    ManifestContent top = fetchManifest(reference);
    List<ResolvedImage.PlatformManifest> manifests = new ArrayList<>();
    if (top instanceof ImageIndex index) {
      for (Descriptor entry : PlatformSelection.select(reference, index, platforms)) {
        ManifestContent child = fetchManifest(reference.withDigest(entry.digest()));
        if (!(child instanceof ImageManifest manifest)) {
          throw new RegistryException(reference + " nests an index (" + entry.digest() + ") in its index, which is not supported");
        }
        if (manifest.descriptor().size() != entry.size()) {
          throw new RegistryException("the manifest " + entry.digest() + " of " + reference + " has " + manifest.descriptor().size()
              + " bytes, but its index says " + entry.size());
        }
        manifests.add(new ResolvedImage.PlatformManifest(entry.platform(), manifest));
      }
    } else {
      ImageManifest manifest = (ImageManifest) top;
      Platform platform = null;
      if (manifest.isImage() && !platforms.isEmpty()) {
        platform = ManifestParser.configPlatform(readConfig(reference, manifest.config()), reference.toString());
        PlatformSelection.requireSingle(reference, platform, platforms);
      }
      manifests.add(new ResolvedImage.PlatformManifest(platform, manifest));
    }
    return new ResolvedImage(reference, top, manifests);
  }

  /**
   * Opens a blob of a repository as a stream that checks the descriptor's size and digest while it is read:
   * a mismatch fails the read with a {@link BlobVerificationException} naming the digest. Close it.
   */
  public InputStream openBlob(ImageReference repository, Descriptor blob) {
    HttpResponse<InputStream> response = http.send(call("GET", blobUri(repository, blob.digest()), repository, false,
        Map.of("Accept", "*/*"), BodyPublishers::noBody));
    int status = response.statusCode();
    if (status != 200) {
      byte[] body = RegistryHttp.readBounded(response, 64 << 10, "registry " + repository.registry());
      if (status == 404) {
        throw new RegistryException("blob unknown: " + blob.digest() + " is not in " + repository.repositoryName());
      }
      throw unexpected(repository.registry(), "GET blob " + blob.digest() + " of " + repository.repositoryName(), status, body);
    }
    Optional<Long> length = response.headers().firstValueAsLong("Content-Length").stream().boxed().findFirst();
    if (length.isPresent() && length.get() != blob.size()) {
      RegistryHttp.close(response);
      throw new RegistryException("registry " + repository.registry() + " serves blob " + blob.digest() + " with "
          + length.get() + " bytes, but its descriptor says " + blob.size());
    }
    return new VerifyingInputStream(response.body(), blob.digest(), blob.size(), repository.repositoryName());
  }

  /** Whether the repository holds the blob. */
  public boolean hasBlob(ImageReference repository, Digest digest) {
    HttpResponse<InputStream> response = http.send(call("HEAD", blobUri(repository, digest), repository, false,
        Map.of(), BodyPublishers::noBody));
    RegistryHttp.close(response);
    return switch (response.statusCode()) {
      case 200 -> true;
      case 404 -> false;
      default -> throw unexpected(repository.registry(), "HEAD blob " + digest, response.statusCode(), new byte[0]);
    };
  }

  /** Uploads a file as a blob (one POST and one monolithic PUT), unless the repository has it already. */
  public Descriptor pushBlob(ImageReference repository, String mediaType, Path file) {
    Digest digest;
    long size;
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest hasher = Digest.sha256Hasher();
      byte[] buffer = new byte[1 << 16];
      long total = 0;
      for (int n; (n = in.read(buffer)) >= 0; ) {
        hasher.update(buffer, 0, n);
        total += n;
      }
      digest = Digest.of("sha256", hasher.digest());
      size = total;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + " to push it", e);
    }
    upload(repository, digest, size, () -> {
      try {
        return BodyPublishers.ofFile(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file + " to push it", e);
      }
    });
    return new Descriptor(mediaType, digest, size);
  }

  /** Uploads bytes as a blob, unless the repository has it already. */
  public Descriptor pushBlob(ImageReference repository, String mediaType, byte[] content) {
    byte[] copy = content.clone();
    Digest digest = Digest.sha256(copy);
    upload(repository, digest, copy.length, () -> BodyPublishers.ofByteArray(copy));
    return new Descriptor(mediaType, digest, copy.length);
  }

  /**
   * Puts a manifest or index under the reference's tag (or digest when it has no tag).
   *
   * @return its descriptor
   */
  public Descriptor pushManifest(ImageReference reference, String mediaType, byte[] raw) {
    byte[] copy = raw.clone();
    Digest digest = Digest.sha256(copy);
    String target = reference.tag() != null ? reference.tag() : reference.digest().toString();
    HttpResponse<InputStream> response = http.send(call("PUT", manifestUri(reference, target), reference, true,
        Map.of("Content-Type", mediaType), () -> BodyPublishers.ofByteArray(copy)));
    byte[] body = RegistryHttp.readBounded(response, 64 << 10, "registry " + reference.registry());
    if (response.statusCode() != 201) {
      throw unexpected(reference.registry(), "PUT manifest " + reference, response.statusCode(), body);
    }
    return new Descriptor(mediaType, digest, copy.length);
  }

  private void upload(ImageReference repository, Digest digest, long size, Supplier<HttpRequest.BodyPublisher> content) {
    if (hasBlob(repository, digest)) {
      return;
    }
    URI start = http.base(repository).resolve("/v2/" + repository.repository() + "/blobs/uploads/");
    HttpResponse<InputStream> started = http.send(call("POST", start, repository, true, Map.of(), BodyPublishers::noBody));
    byte[] startBody = RegistryHttp.readBounded(started, 64 << 10, "registry " + repository.registry());
    if (started.statusCode() != 202) {
      throw unexpected(repository.registry(), "POST blob upload to " + repository.repositoryName(), started.statusCode(), startBody);
    }
    String location = started.headers().firstValue("Location")
        .orElseThrow(() -> new RegistryException("registry " + repository.registry() + " started an upload without a Location"));
    URI session = start.resolve(location);
    URI put = URI.create(session + (session.getRawQuery() == null ? "?" : "&") + "digest=" + digest);
    HttpResponse<InputStream> finished = http.send(call("PUT", put, repository, true,
        Map.of("Content-Type", OCTET_STREAM), content));
    byte[] body = RegistryHttp.readBounded(finished, 64 << 10, "registry " + repository.registry());
    if (finished.statusCode() != 201) {
      throw unexpected(repository.registry(), "PUT blob " + digest + " (" + size + " bytes) to " + repository.repositoryName(),
          finished.statusCode(), body);
    }
  }

  private byte[] readConfig(ImageReference reference, Descriptor config) {
    if (config.size() > MAX_CONFIG_BYTES) {
      throw new RegistryException("the image config of " + reference + " has " + config.size() + " bytes, more than "
          + MAX_CONFIG_BYTES + " allowed");
    }
    try (InputStream in = openBlob(reference, config)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new RegistryException("reading the image config of " + reference + " failed: " + e.getMessage(), e);
    }
  }

  private URI manifestUri(ImageReference reference, String tagOrDigest) {
    return http.base(reference).resolve("/v2/" + reference.repository() + "/manifests/" + tagOrDigest);
  }

  private URI blobUri(ImageReference repository, Digest digest) {
    return http.base(repository).resolve("/v2/" + repository.repository() + "/blobs/" + digest);
  }

  private static RegistryHttp.Call call(String method, URI uri, ImageReference repository, boolean push,
      Map<String, String> headers, Supplier<HttpRequest.BodyPublisher> body) {
    return new RegistryHttp.Call(method, uri, repository, push, headers, body);
  }

  private static RegistryException unexpected(String registry, String what, int status, byte[] body) {
    String detail = body.length == 0 ? "" : ": " + RegistryErrors.describe(body);
    return new RegistryException("registry " + registry + " answered HTTP " + status + " to " + what + detail);
  }

  /** Settings of a client. Defaults: anonymous, the JDK's CAs, HTTPS only, {@link RetryPolicy#DEFAULT}, 60 s per request. */
  public static final class Builder {
    private CredentialSource credentials = CredentialSource.anonymous();
    private final List<Path> caFiles = new ArrayList<>();
    private final Set<String> plainHttp = new HashSet<>();
    private RetryPolicy retry = RetryPolicy.DEFAULT;
    private Duration timeout = Duration.ofSeconds(60);
    private Duration connectTimeout = Duration.ofSeconds(15);
    private Clock clock = Clock.systemUTC();

    private Builder() {
    }

    public Builder credentials(CredentialSource source) {
      this.credentials = source;
      return this;
    }

    /** PEM files of CA certificates to trust besides the JDK's (a private registry's CA). */
    public Builder caCertificates(List<Path> pemFiles) {
      caFiles.addAll(pemFiles);
      return this;
    }

    /** Allows plain HTTP to one registry ({@code localhost:5000}), as references name it. Never the default. */
    public Builder plainHttp(String registry) {
      plainHttp.add(registry);
      return this;
    }

    public Builder retry(RetryPolicy policy) {
      this.retry = policy;
      return this;
    }

    /** How long one request may wait for the answer's headers. */
    public Builder timeout(Duration requestTimeout) {
      this.timeout = requestTimeout;
      return this;
    }

    public Builder connectTimeout(Duration value) {
      this.connectTimeout = value;
      return this;
    }

    Builder clock(Clock value) {
      this.clock = value;
      return this;
    }

    public RegistryClient build() {
      HttpClient client = HttpClient.newBuilder()
          .sslContext(TlsTrust.context(caFiles))
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(connectTimeout)
          .build();
      return new RegistryClient(new RegistryHttp(client, new RegistryAuthenticator(credentials, clock), retry, timeout, plainHttp));
    }
  }
}
