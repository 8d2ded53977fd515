package org.wirelog.socks;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * The socket of an outgoing connection, from an {@code external:} address. It is bound before connect(2) so
 * that PROXY-EXT (address and port) is known even when the connect fails: Dante logs it on those lines too.
 */
final class OutgoingSocket {

    private OutgoingSocket() {
    }

    /**
     * How a connect(2) went.
     *
     * @param channel  the connected channel, or null when it failed
     * @param local    PROXY-EXT, known either way
     * @param failure  why it failed, or null
     * @param timedOut whether it failed by running out of {@code timeout.connect}
     */
    record Attempt(SocketChannel channel, InetSocketAddress local, IOException failure, boolean timedOut) {
    }

    /** Connects from {@code external} to {@code target} within {@code timeout} (zero: the kernel's own limit). */
    static Attempt connect(InetAddress external, InetSocketAddress target, Duration timeout) throws IOException {
        SocketChannel channel = SocketChannel.open(target.getAddress() instanceof Inet4Address
                ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
        InetSocketAddress local;
        try {
            channel.bind(new InetSocketAddress(external, 0));
            local = (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        try {
            channel.socket().connect(target, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            return new Attempt(channel, local, null, false);
        } catch (IOException e) {
            channel.close();
            return new Attempt(null, local, e, e instanceof SocketTimeoutException);
        }
    }
}
