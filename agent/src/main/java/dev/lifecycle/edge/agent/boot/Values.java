package dev.lifecycle.edge.agent.boot;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.regex.Pattern;

/** The checks the user-data readers apply: the same rules the CRDs apply to EdgeHost spec.site. */
final class Values {

  static final String IPV4 = "an IPv4 address such as 192.168.10.1";
  static final String IPV4_PREFIX = "an IPv4 address with a prefix length, such as 192.168.10.20/24";
  static final String HTTP_URL = "an http:// or https:// URL with a host";
  static final String HOSTNAME = "a DNS-1123 host name (lower-case letters, digits, '-' and '.'), such as store-0042-a";
  static final String INTERFACE = "a Linux interface name such as eth0 or enp3s0";
  static final String PEM = "PEM certificates (-----BEGIN CERTIFICATE----- ... -----END CERTIFICATE-----)";
  static final String NAME = "a host name or an address";
  static final String TEXT = "a value";

  private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
  private static final Pattern IPV4_PATTERN = Pattern.compile("(" + OCTET + "[.]){3}" + OCTET);
  private static final Pattern IPV4_PREFIX_PATTERN = Pattern.compile("(" + OCTET + "[.]){3}" + OCTET
      + "/(3[0-2]|[12]?[0-9])");
  private static final Pattern HOSTNAME_PATTERN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?([.][a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern INTERFACE_PATTERN = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9._-]{0,14}");
  private static final Pattern NAME_PATTERN = Pattern.compile("[A-Za-z0-9.:\\-\\[\\]]{1,253}");

  private Values() {
  }

  static boolean ipv4(String text) {
    return IPV4_PATTERN.matcher(text).matches();
  }

  static boolean ipv4Prefix(String text) {
    return IPV4_PREFIX_PATTERN.matcher(text).matches();
  }

  static boolean hostname(String text) {
    return text.length() <= 253 && HOSTNAME_PATTERN.matcher(text).matches();
  }

  static boolean interfaceName(String text) {
    return INTERFACE_PATTERN.matcher(text).matches();
  }

  static boolean name(String text) {
    return NAME_PATTERN.matcher(text).matches();
  }

  static boolean any(String text) {
    return true;
  }

  static boolean httpUrl(String text) {
    try {
      URI uri = new URI(text);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** Whether the text holds one or more PEM certificates and nothing the JDK cannot read as one. */
  static boolean pemCertificates(String text) {
    if (!text.startsWith("-----BEGIN CERTIFICATE-----")) {
      return false;
    }
    try {
      return !CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII))).isEmpty();
    } catch (CertificateException e) {
      return false;
    }
  }
}
