package dev.lifecycle.edge.site.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the site controller listens: {@code HOST:PORT}, an IPv6 address in brackets ({@code [::]:5080}).
 *
 * @param host a host name or an IP address (IPv6 without brackets); {@code 0.0.0.0} or {@code ::} for every
 *     interface
 * @param port 0 to 65535 (0: any free port, for tests)
 */
public record ListenAddress(String host, int port) {

  public static final int DEFAULT_PORT = 5080;
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

  public ListenAddress {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("the listen address names no host");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("the port must be within 0..65535, not " + port);
    }
  }

  /**
   * Reads {@code HOST:PORT}.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static ListenAddress parse(String text) {
    String given = text == null ? "" : text.strip();
    int colon = given.lastIndexOf(':');
    if (colon <= 0 || colon == given.length() - 1) {
      throw new IllegalArgumentException("'" + given + "' is not HOST:PORT (such as 0.0.0.0:5080, or [::]:5080)");
    }
    String host = given.substring(0, colon);
    if (host.startsWith("[") != host.endsWith("]")) {
      throw new IllegalArgumentException("'" + given + "': an IPv6 address goes in brackets, such as [::1]:5080");
    }
    if (host.startsWith("[")) {
      host = host.substring(1, host.length() - 1);
      if (!IPV6.matcher(host).matches()) {
        throw new IllegalArgumentException("'" + given + "': only an IPv6 address goes in brackets");
      }
    } else if (host.contains(":")) {
      throw new IllegalArgumentException("'" + given + "': put an IPv6 address in brackets, such as [::1]:5080");
    }
    int port;
    try {
      port = Integer.parseInt(given.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + given + "': the port is not a number");
    }
    if (isIpLiteral(host)) {
      literal(host);
    }
    return new ListenAddress(host, port);
  }

  /** Whether it listens on every interface. */
  public boolean wildcard() {
    return isIpLiteral(host) && literal(host).isAnyLocalAddress();
  }

  /** The host as a URL names it: an IPv6 address in brackets. */
  public String urlHost() {
    return urlHost(host);
  }

  static String urlHost(String host) {
    return host.contains(":") ? "[" + host + "]" : host;
  }

  @Override
  public String toString() {
    return urlHost() + ":" + port;
  }

  static boolean isIpLiteral(String host) {
    return IPV4.matcher(host).matches() || (host.contains(":") && IPV6.matcher(host).matches());
  }

  /** An IP literal as an address, without a name lookup. */
  static InetAddress literal(String host) {
    try {
      // getByName does no lookup for a literal
      return InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("'" + host + "' is not a valid IP address");
    }
  }
}
