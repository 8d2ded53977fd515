package org.wirelog.rules;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Locale;
import org.wirelog.model.Endpoint;

/** The host part of a rule address: a network, a hostname, a domain, or an interface's addresses. */
public sealed interface HostMatch {

    boolean matches(Endpoint endpoint);

    /** {@code 10.0.0.0/8}, {@code ::1/128}, {@code 0/0}; 0/0 matches anything, hostnames included. */
    record Cidr(InetAddress network, int prefix) implements HostMatch {

        public Cidr {
            int bits = network.getAddress().length * 8;
            if (prefix < 0 || prefix > bits) throw new IllegalArgumentException("netmask /" + prefix + " out of range");
        }

        @Override
        public boolean matches(Endpoint endpoint) {
            if (prefix == 0 && isWildcard()) return true;
            if (endpoint.isResolved()) return contains(endpoint.address());
            try {
                for (InetAddress resolved : InetAddress.getAllByName(endpoint.hostname())) {
                    if (contains(resolved)) return true;
                }
            } catch (UnknownHostException e) {
                return false;
            }
            return false;
        }

        private boolean isWildcard() {
            for (byte b : network.getAddress()) if (b != 0) return false;
            return true;
        }

        public boolean contains(InetAddress address) {
            byte[] net = network.getAddress();
            byte[] addr = address.getAddress();
            if (net.length != addr.length) return false;
            int full = prefix / 8;
            for (int i = 0; i < full; i++) if (net[i] != addr[i]) return false;
            int rest = prefix % 8;
            if (rest == 0) return true;
            int mask = (0xff << (8 - rest)) & 0xff;
            return (net[full] & mask) == (addr[full] & mask);
        }

        @Override
        public String toString() {
            return network.getHostAddress() + "/" + prefix;
        }
    }

    /** A hostname: matches that name as sent, or any address it resolves to. */
    record HostName(String name) implements HostMatch {
        @Override
        public boolean matches(Endpoint endpoint) {
            if (!endpoint.isResolved() || endpoint.hostname() != null) {
                if (name.equalsIgnoreCase(endpoint.hostname())) return true;
            }
            if (!endpoint.isResolved()) return false;
            try {
                for (InetAddress a : InetAddress.getAllByName(name)) if (a.equals(endpoint.address())) return true;
            } catch (UnknownHostException e) {
                return false;
            }
            return false;
        }
    }

    /** {@code .example.com}: any name in that domain (and the domain itself). */
    record Domain(String suffix) implements HostMatch {
        @Override
        public boolean matches(Endpoint endpoint) {
            String host = endpoint.hostname();
            if (host == null) return false;
            String h = host.toLowerCase(Locale.ROOT);
            String s = suffix.toLowerCase(Locale.ROOT);
            return h.endsWith(s) || h.equals(s.substring(1));
        }
    }

    /** An interface name such as {@code eth0}: any address configured on it. */
    record Interface(String name) implements HostMatch {
        @Override
        public boolean matches(Endpoint endpoint) {
            if (!endpoint.isResolved()) return false;
            try {
                NetworkInterface nic = NetworkInterface.getByName(name);
                return nic != null && nic.inetAddresses().anyMatch(endpoint.address()::equals);
            } catch (SocketException e) {
                return false;
            }
        }
    }
}
