package dev.lifecycle.edge.operator.gateway;

import dev.lifecycle.edge.api.v1alpha1.HostInventory;
import dev.lifecycle.edge.api.v1alpha1.ProxySettings;
import dev.lifecycle.edge.api.v1alpha1.SiteSettings;
import dev.lifecycle.edge.api.v1alpha1.StaticNetwork;
import dev.lifecycle.edge.api.v1alpha1.Validation;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules of the EdgeHost CRD for what an agent reports (site settings, inventory), checked before
 * anything is written: a real API server would refuse a status that breaks them, and the embedded one
 * would store it. Pure.
 */
final class SiteRules {

  private static final Pattern DNS_SUBDOMAIN = Pattern.compile(Validation.DNS1123_SUBDOMAIN_REGEX);
  private static final Pattern IPV4 = Pattern.compile(Validation.IPV4_REGEX);
  private static final Pattern IPV4_CIDR = Pattern.compile(Validation.IPV4_CIDR_REGEX);
  private static final Pattern INTERFACE = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9._-]*$");
  private static final Pattern PROXY = Pattern.compile("^https?://[^ ]+$");
  private static final int MAX_LIST = 64;
  private static final int MAX_TEXT = 253;

  private SiteRules() {
  }

  static Optional<String> check(SiteSettings site) {
    if (site == null) {
      return Optional.empty();
    }
    if (site.getHostname() != null && (site.getHostname().length() > 253
        || !DNS_SUBDOMAIN.matcher(site.getHostname()).matches())) {
      return Optional.of("site.hostname must be a DNS-1123 name: lower-case letters, digits, '-' and '.', starting "
          + "and ending with a letter or digit");
    }
    if (site.getCaCertificates().size() > 16 || site.getCaCertificates().stream()
        .anyMatch(c -> c == null || c.length() > 16384 || !c.startsWith("-----BEGIN CERTIFICATE-----"))) {
      return Optional.of("site.caCertificates must be at most 16 PEM certificates starting with "
          + "-----BEGIN CERTIFICATE-----");
    }
    if (site.getNtpServers().size() > 8 || tooLong(site.getNtpServers(), MAX_TEXT)) {
      return Optional.of("site.ntpServers must be at most 8 host names or addresses");
    }
    return network(site.getNetwork()).or(() -> proxy(site.getProxy()));
  }

  static Optional<String> check(HostInventory inventory) {
    if (inventory == null) {
      return Optional.empty();
    }
    if (negative(inventory.getCpuCores()) || negative(inventory.getMemoryBytes())
        || inventory.getDisks().stream().anyMatch(d -> d == null || negative(d.getSizeBytes()))) {
      return Optional.of("inventory counts and sizes must not be negative");
    }
    if (inventory.getDisks().size() > MAX_LIST || inventory.getNics().size() > MAX_LIST
        || inventory.getNics().stream().anyMatch(n -> n == null || n.getAddresses().size() > MAX_LIST)) {
      return Optional.of("inventory lists hold at most " + MAX_LIST + " entries");
    }
    if (tooLong(inventory.getArch()) || tooLong(inventory.getOs())
        || inventory.getDisks().stream().anyMatch(d -> tooLong(d.getName()))
        || inventory.getNics().stream().anyMatch(n -> tooLong(n.getName()) || tooLong(n.getMac())
            || tooLong(n.getAddresses(), MAX_TEXT))) {
      return Optional.of("inventory texts hold at most " + MAX_TEXT + " characters");
    }
    return Optional.empty();
  }

  private static Optional<String> network(StaticNetwork network) {
    if (network == null) {
      return Optional.empty();
    }
    if (network.getInterfaceName() != null && (network.getInterfaceName().length() > 15
        || !INTERFACE.matcher(network.getInterfaceName()).matches())) {
      return Optional.of("site.network.interface must be a Linux interface name such as eth0 or enp3s0");
    }
    if (network.getAddresses().size() > 8
        || network.getAddresses().stream().anyMatch(a -> a == null || !IPV4_CIDR.matcher(a).matches())) {
      return Optional.of("site.network.addresses must be at most 8 IPv4 addresses with a prefix length, such as "
          + "192.168.10.20/24");
    }
    if (network.getGateway() != null && !IPV4.matcher(network.getGateway()).matches()) {
      return Optional.of("site.network.gateway must be an IPv4 address such as 192.168.10.1");
    }
    if (network.getDnsServers().size() > 8
        || network.getDnsServers().stream().anyMatch(a -> a == null || !IPV4.matcher(a).matches())) {
      return Optional.of("site.network.dnsServers must be at most 8 IPv4 addresses such as 10.0.0.53");
    }
    return Optional.empty();
  }

  private static Optional<String> proxy(ProxySettings proxy) {
    if (proxy == null) {
      return Optional.empty();
    }
    for (String url : new String[] {proxy.getHttpProxy(), proxy.getHttpsProxy()}) {
      if (url != null && (url.length() > 2048 || !PROXY.matcher(url).matches())) {
        return Optional.of("site.proxy.httpProxy and httpsProxy must be http:// or https:// URLs");
      }
    }
    if (proxy.getNoProxy().size() > 64 || tooLong(proxy.getNoProxy(), MAX_TEXT)) {
      return Optional.of("site.proxy.noProxy must be at most 64 names of at most 253 characters");
    }
    return Optional.empty();
  }

  private static boolean negative(Number value) {
    return value != null && value.longValue() < 0;
  }

  private static boolean tooLong(String text) {
    return text != null && text.length() > MAX_TEXT;
  }

  private static boolean tooLong(List<String> texts, int max) {
    return texts.stream().anyMatch(t -> t == null || t.length() > max);
  }
}
