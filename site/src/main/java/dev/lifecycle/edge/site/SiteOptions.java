package dev.lifecycle.edge.site;

import dev.lifecycle.edge.site.server.ListenAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a site controller is started with ({@code edge-operator.jar site}).
 *
 * @param directory the data directory
 * @param listen where its one HTTPS port listens
 * @param tls the PEM certificate (chain) and key to serve; empty: a self-signed certificate kept under the
 *     directory
 * @param trustKeys PEM files of the public keys bundles and definitions are verified against
 * @param siteName the site's name, carried by link tokens
 * @param namespace the namespace of the site's resources
 */
public record SiteOptions(SiteDirectory directory, ListenAddress listen, Optional<Tls> tls, List<Path> trustKeys,
    String siteName, String namespace) {

  public static final String DEFAULT_NAMESPACE = "site";
  private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final Pattern SITE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{0,62}");

  /** PEM files: the certificate (chain) and its private key. */
  public record Tls(Path certificate, Path key) {
    public Tls {
      Objects.requireNonNull(certificate, "certificate");
      Objects.requireNonNull(key, "key");
    }
  }

  public SiteOptions {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(tls, "tls");
    trustKeys = List.copyOf(trustKeys);
    if (siteName == null || !SITE_NAME.matcher(siteName).matches()) {
      throw new IllegalArgumentException("the site name must be 1 to 63 letters, digits, spaces, '.', '_' or '-', "
          + "starting with a letter or a digit; got '" + siteName + "'");
    }
    if (namespace == null || !NAMESPACE.matcher(namespace).matches()) {
      throw new IllegalArgumentException("'" + namespace + "' is not a namespace name (lower-case letters, digits "
          + "and '-', at most 63)");
    }
  }

  /** The defaults but for the directory: every interface, port 5080, a self-signed certificate, no trusted key. */
  public static SiteOptions defaults(Path directory, String siteName) {
    return new SiteOptions(new SiteDirectory(directory), new ListenAddress("0.0.0.0", ListenAddress.DEFAULT_PORT),
        Optional.empty(), List.of(), siteName, DEFAULT_NAMESPACE);
  }

  public SiteOptions withListen(ListenAddress address) {
    return new SiteOptions(directory, address, tls, trustKeys, siteName, namespace);
  }

  public SiteOptions withTrustKeys(List<Path> files) {
    return new SiteOptions(directory, listen, tls, files, siteName, namespace);
  }

  public SiteOptions withTls(Optional<Tls> files) {
    return new SiteOptions(directory, listen, files, trustKeys, siteName, namespace);
  }
}
