package dev.lifecycle.edge.site.server;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names a self-signed certificate is made for (its SubjectAltNames): the listen address unless it is a
 * wildcard, the machine's addresses (loopback included) and its host name, and {@code localhost}.
 *
 * @param dnsNames host names, lower case
 * @param addresses IP addresses, in their textual form
 */
public record SubjectNames(Set<String> dnsNames, Set<String> addresses) {

  private static final Pattern DNS_NAME = Pattern.compile(
      "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*");

  public SubjectNames {
    dnsNames = Collections.unmodifiableSet(new LinkedHashSet<>(dnsNames));
    addresses = Collections.unmodifiableSet(new LinkedHashSet<>(addresses));
  }

  /**
   * The names for a server listening on {@code listenHost}, on a machine with these addresses and host name: a
   * pure decision, so that tests give the machine.
   */
  public static SubjectNames of(String listenHost, List<InetAddress> machineAddresses, String hostName) {
    Set<String> dns = new LinkedHashSet<>();
    Set<String> ips = new LinkedHashSet<>();
    String listen = listenHost.startsWith("[") && listenHost.endsWith("]")
        ? listenHost.substring(1, listenHost.length() - 1) : listenHost;
    if (ListenAddress.isIpLiteral(listen)) {
      InetAddress address = ListenAddress.literal(listen);
      if (!address.isAnyLocalAddress()) {
        ips.add(address.getHostAddress());
      }
    } else if (validDns(listen)) {
      dns.add(listen.toLowerCase(Locale.ROOT));
    }
    for (InetAddress address : machineAddresses) {
      if (!address.isAnyLocalAddress() && !address.isLinkLocalAddress()) {
        String text = address.getHostAddress();
        int scope = text.indexOf('%');
        ips.add(scope < 0 ? text : text.substring(0, scope));
      }
    }
    if (hostName != null && validDns(hostName)) {
      dns.add(hostName.toLowerCase(Locale.ROOT));
    }
    dns.add("localhost");
    return new SubjectNames(dns, ips);
  }

  /** The names for this machine: its interfaces' addresses and its host name. */
  public static SubjectNames ofThisMachine(String listenHost) {
    return of(listenHost, machineAddresses(), hostName());
  }

  /** The addresses of the machine's interfaces that are up, loopback included. */
  public static List<InetAddress> machineAddresses() {
    Set<InetAddress> addresses = new LinkedHashSet<>();
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (nic.isUp()) {
          addresses.addAll(Collections.list(nic.getInetAddresses()));
        }
      }
    } catch (SocketException e) {
      // No interface list: the loopback address still names the machine to itself.
    }
    addresses.add(InetAddress.getLoopbackAddress());
    return List.copyOf(addresses);
  }

  /** The machine's host name, or empty when it has none that resolves. */
  public static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "";
    }
  }

  private static boolean validDns(String name) {
    return name.length() <= 253 && DNS_NAME.matcher(name.toLowerCase(Locale.ROOT)).matches()
        && !ListenAddress.isIpLiteral(name);
  }
}
