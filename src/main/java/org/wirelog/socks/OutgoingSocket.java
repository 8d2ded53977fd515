package org.wirelog.socks;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.wirelog.relay.Watchdog;
import org.wirelog.sys.ChannelFd;
import org.wirelog.sys.SocketCalls;

/**
 * The socket of an outgoing connection, from an {@code external:} address. Dante logs PROXY-EXT (address and
 * port) even when the connect fails, so the port must be known whatever happens.
 *
 * <p>The socket is bound to the external address with IP_BIND_ADDRESS_NO_PORT, so that the kernel picks the
 * port at connect(2), where any port not in use towards this very target will do. Binding to port 0 instead makes
 * bind(2) look for a port free towards every peer: with the thousands of TIME_WAIT sockets a busy proxy leaves
 * behind, that search took most of the CPU time of a session (9 ms at worst) and could run out of ports. The port
 * is read with getsockname(2) once connect(2) has chosen it, before the outcome is known. Where descriptors are
 * out of reach, the socket is bound to port 0 as before.
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
        SocketChannel channel = open(target);
        int fd = ChannelFd.of(channel);
        if (!SocketCalls.bindAddressNoPort(fd)) return connectBoundFirst(channel, external, target, timeout);
        int port;
        try {
            if (!sameFamily(external, target) || !SocketCalls.bindAnyPort(fd, external)) {
                channel.bind(new InetSocketAddress(external, 0));
            }
            channel.configureBlocking(false);
            boolean connected = channel.connect(target);
            port = SocketCalls.localPort(fd);
            if (connected) return connected(channel);
        } catch (IOException failedAtOnce) {
            // connect(2) failed before it chose a port (no route, say): the JDK has closed the socket. A socket
            // bound the old way fails alike and has the port Dante would print.
            channel.close();
            return connectBoundFirst(open(target), external, target, timeout);
        }
        InetSocketAddress local = new InetSocketAddress(external, Math.max(0, port));
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> deadline = timeout.isZero() ? null : Watchdog.after(timeout, () -> {
            timedOut.set(true);
            ConnectCommand.closeQuietly(channel);
        });
        try {
            channel.configureBlocking(true);
            channel.finishConnect();
            if (deadline != null) deadline.cancel(false);
            return timedOut.get() ? failed(channel, local, new SocketTimeoutException("Connection timed out"), true)
                    : connected(channel);
        } catch (IOException e) {
            if (deadline != null) deadline.cancel(false);
            return failed(channel, local, timedOut.get() ? new SocketTimeoutException("Connection timed out") : e,
                    timedOut.get());
        }
    }

    /** Binds to port 0 first, so that the port is known before connect(2): costly, but needs no descriptor. */
    private static Attempt connectBoundFirst(SocketChannel channel, InetAddress external, InetSocketAddress target,
            Duration timeout) throws IOException {
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
            return connected(channel);
        } catch (IOException e) {
            channel.close();
            return new Attempt(null, local, e, e instanceof SocketTimeoutException);
        }
    }

    /** The socket is opened for the target's family; an external address of the other one is the JDK's to map. */
    private static boolean sameFamily(InetAddress external, InetSocketAddress target) {
        return (external instanceof Inet4Address) == (target.getAddress() instanceof Inet4Address);
    }

    private static SocketChannel open(InetSocketAddress target) throws IOException {
        return SocketChannel.open(target.getAddress() instanceof Inet4Address
                ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
    }

    /**
     * PROXY-EXT of a connection made: the address and port the connection has (the JDK reads them when the
     * connection is made), so that an {@code external: 0.0.0.0} proxy logs the address the target saw, which is
     * what an abuse report names and what {@code who} follows.
     */
    private static Attempt connected(SocketChannel channel) throws IOException {
        return new Attempt(channel, (InetSocketAddress) channel.getLocalAddress(), null, false);
    }

    private static Attempt failed(SocketChannel channel, InetSocketAddress local, IOException failure, boolean timedOut) {
        ConnectCommand.closeQuietly(channel);
        return new Attempt(null, local, failure, timedOut);
    }
}
