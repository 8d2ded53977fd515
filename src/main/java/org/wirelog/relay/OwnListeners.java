package org.wirelog.relay;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.List;
import java.util.Optional;

/**
 * The addresses a server (SOCKS, forwarder) listens on, so that it never connects to itself: a connection to its own
 * listening address would be served by itself again, and again, each time with one more descriptor and thread, until
 * none are left (a proxy loop).
 */
public record OwnListeners(List<InetSocketAddress> addresses) {

    public OwnListeners {
        addresses = List.copyOf(addresses);
    }

    /** The listening address a connection to {@code target} would reach, if any. */
    public Optional<InetSocketAddress> reachedBy(InetAddress target, int port) {
        for (InetSocketAddress own : addresses) {
            if (own.getPort() != port) continue;
            InetAddress listening = own.getAddress();
            if (listening.equals(target) || listening.isAnyLocalAddress() && isThisHost(target)) return Optional.of(own);
        }
        return Optional.empty();
    }

    /** Whether a connection to {@code address} stays on this host (0.0.0.0 and :: are this host too). */
    private static boolean isThisHost(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress()) return true;
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return false;
        }
    }
}
