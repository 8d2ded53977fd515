package org.wirelog.socks;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.ArrayList;
import java.util.List;
import org.wirelog.config.Listen;

/**
 * The addresses outgoing connections may use ({@code external:}), resolved once: an address, a hostname,
 * or every address of an interface. The wildcard (0.0.0.0, ::) lets the kernel choose.
 */
record Externals(List<InetAddress> addresses) {

    static Externals resolve(List<Listen> externals) throws IOException {
        List<InetAddress> out = new ArrayList<>();
        for (Listen external : externals) out.addAll(Addresses.of(external.host()));
        return new Externals(List.copyOf(out));
    }

    /** The external address to use for a target, or null if none has the target's address family. */
    InetAddress forTarget(InetAddress target) {
        boolean v4 = target instanceof Inet4Address;
        for (InetAddress a : addresses) {
            if ((a instanceof Inet4Address) == v4) return a;
        }
        return null;
    }

    /** "IPv4" or "IPv6": the family a hostname is resolved for, in Dante's DNS failure text. */
    String preferredFamily() {
        return addresses.isEmpty() || addresses.getFirst() instanceof Inet4Address ? "IPv4" : "IPv6";
    }

    boolean hasFamilyOf(InetAddress target) {
        return forTarget(target) != null;
    }

    /** Resolves config words: an IP literal, an interface name, or a hostname. */
    static final class Addresses {
        private Addresses() {
        }

        static List<InetAddress> of(String host) throws IOException {
            NetworkInterface nic = isLiteral(host) ? null : NetworkInterface.getByName(host);
            if (nic != null) {
                List<InetAddress> all = nic.inetAddresses().toList();
                if (all.isEmpty()) throw new IOException("interface " + host + " has no address");
                return all;
            }
            return List.of(InetAddress.getAllByName(host));
        }

        private static boolean isLiteral(String host) {
            return host.contains(":") || host.chars().allMatch(c -> Character.isDigit(c) || c == '.');
        }
    }
}
