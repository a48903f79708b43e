package dev.lifecycle.edge.site.clusters;

import dev.lifecycle.edge.api.v1alpha1.ClusterNetwork;
import dev.lifecycle.edge.site.clusters.CreateClusterRequest.NetworkSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Judges a cluster's network settings as the API's rules do (an IPv4 control-plane address, IPv4 ranges, pod and
 * service ranges apart), and what the API cannot see: ranges that overlap, and a control-plane address inside
 * one of them. Pure.
 */
final class NetworkCheck {

  /** The API server's defaults (docs/api-reference.md, EdgeCluster spec.network). */
  static final String DEFAULT_POD_CIDR = "10.42.0.0/16";
  static final String DEFAULT_SERVICE_CIDR = "10.43.0.0/16";

  private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
  private static final Pattern ADDRESS = Pattern.compile("^" + OCTET + "[.]" + OCTET + "[.]" + OCTET + "[.]"
      + OCTET + "$");
  private static final Pattern RANGE = Pattern.compile("^(" + OCTET + "[.]" + OCTET + "[.]" + OCTET + "[.]"
      + OCTET + ")/(3[0-2]|[12]?[0-9])$");

  /** A range as numbers: its first address and its prefix length. */
  private record Range(long first, int prefix) {
    long last() {
      return first + (1L << (32 - prefix)) - 1;
    }

    boolean overlaps(Range other) {
      return first <= other.last() && other.first <= last();
    }

    boolean contains(long address) {
      return first <= address && address <= last();
    }
  }

  private NetworkCheck() {
  }

  /** The problems, each for a person; empty when the settings are good. */
  static List<String> problems(NetworkSettings network) {
    List<String> problems = new ArrayList<>();
    if (network == null) {
      return problems;
    }
    String endpoint = network.controlPlaneEndpoint();
    if (endpoint != null && !ADDRESS.matcher(endpoint).matches()) {
      problems.add("the control-plane address '" + endpoint + "' is not an IPv4 address such as 192.168.10.100");
    }
    Optional<Range> pods = range("pod", network.podCidr(), DEFAULT_POD_CIDR, problems);
    Optional<Range> services = range("service", network.serviceCidr(), DEFAULT_SERVICE_CIDR, problems);
    if (pods.isPresent() && services.isPresent() && pods.get().overlaps(services.get())) {
      problems.add("the pod range " + or(network.podCidr(), DEFAULT_POD_CIDR) + " and the service range "
          + or(network.serviceCidr(), DEFAULT_SERVICE_CIDR) + " overlap: a service address would collide with a "
          + "pod's; choose ranges apart");
    }
    if (endpoint != null && ADDRESS.matcher(endpoint).matches()) {
      long address = number(endpoint);
      pods.filter(r -> r.contains(address)).ifPresent(r -> problems.add("the control-plane address " + endpoint
          + " lies in the pod range " + or(network.podCidr(), DEFAULT_POD_CIDR) + ": it must be an address of the "
          + "hosts' own network"));
      services.filter(r -> r.contains(address)).ifPresent(r -> problems.add("the control-plane address " + endpoint
          + " lies in the service range " + or(network.serviceCidr(), DEFAULT_SERVICE_CIDR) + ": it must be an "
          + "address of the hosts' own network"));
    }
    return problems;
  }

  /** spec.network as the API expects it, or null when nothing is set (the API's defaults apply). */
  static ClusterNetwork toSpec(NetworkSettings network) {
    if (network == null || (network.controlPlaneEndpoint() == null && network.podCidr() == null
        && network.serviceCidr() == null)) {
      return null;
    }
    ClusterNetwork spec = new ClusterNetwork();
    spec.setControlPlaneEndpoint(network.controlPlaneEndpoint());
    spec.setPodCidr(network.podCidr());
    spec.setServiceCidr(network.serviceCidr());
    return spec;
  }

  private static Optional<Range> range(String what, String given, String fallback, List<String> problems) {
    String text = or(given, fallback);
    Matcher matcher = RANGE.matcher(text);
    if (!matcher.matches()) {
      problems.add("the " + what + " range '" + text + "' is not an IPv4 range such as " + fallback);
      return Optional.empty();
    }
    int prefix = Integer.parseInt(matcher.group(6));
    long first = number(matcher.group(1));
    long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    if ((first & mask) != first) {
      problems.add("the " + what + " range " + text + " has host bits set: write it from its first address, "
          + numberText(first & mask) + "/" + prefix);
      return Optional.empty();
    }
    return Optional.of(new Range(first, prefix));
  }

  private static String or(String given, String fallback) {
    return given == null ? fallback : given;
  }

  private static long number(String address) {
    long value = 0;
    for (String octet : address.split("[.]")) {
      value = (value << 8) | Integer.parseInt(octet);
    }
    return value;
  }

  private static String numberText(long value) {
    return ((value >> 24) & 255) + "." + ((value >> 16) & 255) + "." + ((value >> 8) & 255) + "." + (value & 255);
  }
}
