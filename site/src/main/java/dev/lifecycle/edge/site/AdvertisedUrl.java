package dev.lifecycle.edge.site;

import dev.lifecycle.edge.site.server.ListenAddress;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The URL hosts and people reach the site controller at, printed at start and carried by link tokens: the listen
 * address when it names one; on a wildcard listen address, the machine's first address other hosts can reach
 * (IPv4 before IPv6, site-local before others), else its loopback address.
 */
public final class AdvertisedUrl {

  private AdvertisedUrl() {
  }

  public static URI choose(ListenAddress listen, int port, List<InetAddress> machineAddresses) {
    String host = listen.wildcard() ? reachable(machineAddresses).orElse(InetAddress.getLoopbackAddress())
        .getHostAddress() : listen.host();
    int scope = host.indexOf('%');
    String plain = scope < 0 ? host : host.substring(0, scope);
    return URI.create("https://" + (plain.contains(":") ? "[" + plain + "]" : plain) + ":" + port);
  }

  private static Optional<InetAddress> reachable(List<InetAddress> addresses) {
    return addresses.stream()
        .filter(address -> !address.isLoopbackAddress() && !address.isAnyLocalAddress()
            && !address.isLinkLocalAddress() && !address.isMulticastAddress())
        .min(Comparator.comparing((InetAddress address) -> !(address instanceof Inet4Address))
            .thenComparing(address -> !address.isSiteLocalAddress()));
  }
}
