package dev.lifecycle.edge.operator.gateway.endpoints;

import dev.lifecycle.edge.api.v1alpha1.Validation;
import dev.lifecycle.edge.wire.Inventory;
import dev.lifecycle.edge.wire.Site;
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

  static Optional<String> check(Site site) {
    if (site == null) {
      return Optional.empty();
    }
    if (site.hostname() != null && (site.hostname().length() > 253
        || !DNS_SUBDOMAIN.matcher(site.hostname()).matches())) {
      return Optional.of("site.hostname must be a DNS-1123 name: lower-case letters, digits, '-' and '.', starting "
          + "and ending with a letter or digit");
    }
    if (site.caCertificates().size() > 16 || site.caCertificates().stream()
        .anyMatch(c -> c == null || c.length() > 16384 || !c.startsWith("-----BEGIN CERTIFICATE-----"))) {
      return Optional.of("site.caCertificates must be at most 16 PEM certificates starting with "
          + "-----BEGIN CERTIFICATE-----");
    }
    if (site.ntpServers().size() > 8 || tooLong(site.ntpServers(), MAX_TEXT)) {
      return Optional.of("site.ntpServers must be at most 8 host names or addresses");
    }
    return network(site.network()).or(() -> proxy(site.proxy()));
  }

  static Optional<String> check(Inventory inventory) {
    if (inventory == null) {
      return Optional.empty();
    }
    if (negative(inventory.cpuCores()) || negative(inventory.memoryBytes())
        || inventory.disks().stream().anyMatch(d -> d == null || negative(d.sizeBytes()))) {
      return Optional.of("inventory counts and sizes must not be negative");
    }
    if (inventory.disks().size() > MAX_LIST || inventory.nics().size() > MAX_LIST
        || inventory.nics().stream().anyMatch(n -> n == null || n.addresses().size() > MAX_LIST)) {
      return Optional.of("inventory lists hold at most " + MAX_LIST + " entries");
    }
    if (tooLong(inventory.arch()) || tooLong(inventory.os())
        || inventory.disks().stream().anyMatch(d -> tooLong(d.name()))
        || inventory.nics().stream().anyMatch(n -> tooLong(n.name()) || tooLong(n.mac())
            || tooLong(n.addresses(), MAX_TEXT))) {
      return Optional.of("inventory texts hold at most " + MAX_TEXT + " characters");
    }
    return Optional.empty();
  }

  private static Optional<String> network(Site.Network network) {
    if (network == null) {
      return Optional.empty();
    }
    if (network.interfaceName() != null && (network.interfaceName().length() > 15
        || !INTERFACE.matcher(network.interfaceName()).matches())) {
      return Optional.of("site.network.interface must be a Linux interface name such as eth0 or enp3s0");
    }
    if (network.addresses().size() > 8
        || network.addresses().stream().anyMatch(a -> a == null || !IPV4_CIDR.matcher(a).matches())) {
      return Optional.of("site.network.addresses must be at most 8 IPv4 addresses with a prefix length, such as "
          + "192.168.10.20/24");
    }
    if (network.gateway() != null && !IPV4.matcher(network.gateway()).matches()) {
      return Optional.of("site.network.gateway must be an IPv4 address such as 192.168.10.1");
    }
    if (network.dnsServers().size() > 8
        || network.dnsServers().stream().anyMatch(a -> a == null || !IPV4.matcher(a).matches())) {
      return Optional.of("site.network.dnsServers must be at most 8 IPv4 addresses such as 10.0.0.53");
    }
    return Optional.empty();
  }

  private static Optional<String> proxy(Site.Proxy proxy) {
    if (proxy == null) {
      return Optional.empty();
    }
    for (String url : new String[] {proxy.httpProxy(), proxy.httpsProxy()}) {
      if (url != null && (url.length() > 2048 || !PROXY.matcher(url).matches())) {
        return Optional.of("site.proxy.httpProxy and httpsProxy must be http:// or https:// URLs");
      }
    }
    if (proxy.noProxy().size() > 64 || tooLong(proxy.noProxy(), MAX_TEXT)) {
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
