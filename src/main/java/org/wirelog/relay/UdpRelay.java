package org.wirelog.relay;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import org.wirelog.model.EndReason;
import org.wirelog.model.Traffic;
import org.wirelog.sys.ArrivalStamps;

/**
 * Relays datagrams between one client's UDP socket and the targets it names, for as long as the client's
 * TCP control connection lives (or until no datagram has passed for the i/o timeout).
 *
 * <p>The client side is the internal socket given to the relay. The external socket is opened on the first
 * datagram that passes, connected to that datagram's target so that the kernel reports an ICMP port
 * unreachable as a "delayed error" and lets only that target answer (Dante's {@code udp.connectdst}). When the
 * client names a second target, the external socket is replaced by an unconnected one on the same address and
 * port, which every target may answer.
 *
 * <p>What a datagram means (its header, its rules, its log lines) is the {@link Handler}'s business; the relay
 * moves bytes, counts them as Dante does, and keeps time: the counters for status dumps, as {@link RelayCounters}
 * (from the client: payload sent to targets; from the targets: what the client got, SOCKS headers included), and
 * each datagram's latency from the kernel's arrival stamp on, for the {@link DatagramLatency} given.
 */
public final class UdpRelay implements StoppableRelay {

    /** Room kept in front of a reply for the header the handler puts there. */
    public static final int HEADROOM = 22;
    private static final int MAX_DATAGRAM = 65535;
    private static final String DELAYED_REFUSAL = "Connection refused (delayed error)";

    /** Decides and reports each datagram; called on the relay's threads, one call at a time per direction. */
    public interface Handler {

        /**
         * A datagram from the client's side.
         *
         * @param datagram all of it, positioned at its start; leave it positioned at the payload to forward
         * @return where the payload goes, or null to drop the datagram (the handler says why in the log)
         */
        InetSocketAddress outbound(ByteBuffer datagram, InetSocketAddress source);

        /** The address to send from towards {@code target}. */
        InetAddress externalFor(InetAddress target);

        /** A payload is about to leave from {@code external} to {@code target}; leave its position and limit as they are. */
        void sending(InetSocketAddress external, InetSocketAddress target, ByteBuffer payload);

        /**
         * A reply from a target; leave the payload's position and limit as they are.
         *
         * @return the header to put in front of the payload for the client (at most {@link #HEADROOM} bytes),
         *         or null to drop it
         */
        byte[] inbound(ByteBuffer payload, InetSocketAddress source, InetSocketAddress external);

        /** Sending to {@code target} failed, or an earlier datagram to it did (an ICMP error reported late). */
        void failed(InetSocketAddress external, InetSocketAddress target, String error);
    }

    private final SocketChannel control;
    private final DatagramChannel internal;
    private final Handler handler;
    private final Duration ioTimeout;
    private final UdpCounters counters = new UdpCounters();
    private final DatagramTimer clientTimer;
    private final DatagramTimer targetTimer;
    /** The arrival stamps of the internal socket, and of the external one (replaced with it); null where none. */
    private final ArrivalStamps internalStamps;
    private volatile ArrivalStamps externalStamps;

    private volatile DatagramChannel external;
    /** PROXY-EXT, kept after the socket is closed for the closing line. */
    private volatile InetSocketAddress externalAddress;
    /** The one target the external socket is connected to; null once there were several (or none yet). */
    private volatile InetSocketAddress connectedTo;
    private volatile boolean severalTargets;
    private volatile InetSocketAddress client;
    private volatile Thread fromTargets;
    /** The external channel the target side's thread is waiting in, if any. */
    private volatile DatagramChannel readingOn;
    private volatile long lastActivity = System.nanoTime();
    private volatile EndReason reason;
    private volatile boolean finished;
    private volatile ScheduledFuture<?> timer;

    /**
     * @param control   the client's TCP connection: its end is the association's end
     * @param internal  the bound UDP socket the client sends to (PROXY-INTUDP)
     * @param ioTimeout no datagram for this long ends the association; zero means never
     * @param latency   told how long datagrams took, in both directions
     */
    public UdpRelay(SocketChannel control, DatagramChannel internal, Handler handler, Duration ioTimeout,
                    DatagramLatency latency) {
        this.control = control;
        this.internal = internal;
        this.handler = handler;
        this.ioTimeout = ioTimeout;
        this.clientTimer = new DatagramTimer(latency);
        this.targetTimer = new DatagramTimer(latency);
        this.internalStamps = latency == DatagramLatency.NONE ? null : ArrivalStamps.of(internal);
    }

    /** Relays until the control connection ends or the i/o timeout strikes; closes the UDP sockets. */
    public EndReason run() {
        if (!ioTimeout.isZero()) timer = Watchdog.after(ioTimeout, this::checkIdle);
        Thread fromClient = pump("udp-from-client", this::pumpFromClient);
        watchControl();
        finished = true;
        ScheduledFuture<?> t = timer;
        if (t != null) t.cancel(false);
        closeQuietly(internal);
        DatagramChannel ext = external;
        if (ext != null) closeQuietly(ext);
        join(fromClient);
        Thread other = fromTargets;
        if (other != null) join(other);
        return reason;
    }

    /** The counters: the client link with SOCKS headers, the target link (null if never opened) payload only. */
    public Traffic traffic() {
        return counters.traffic(external != null);
    }

    @Override
    public long bytesFromClient() {
        return counters.payloadToTargets();
    }

    @Override
    public long bytesFromTarget() {
        return counters.bytesToClient();
    }

    @Override
    public long packetsFromClient() {
        return counters.packetsToTargets();
    }

    @Override
    public long packetsFromTarget() {
        return counters.packetsToClient();
    }

    @Override
    public long idleNanos() {
        return System.nanoTime() - lastActivity;
    }

    /** PROXY-EXT, or null when no datagram ever went out. */
    public InetSocketAddress externalAddress() {
        return externalAddress;
    }

    /** The only target datagrams went to, or null when there were several (or none). */
    public InetSocketAddress soleTarget() {
        return severalTargets ? null : connectedTo;
    }

    /** Where the client's datagrams come from, once one has passed; else null. */
    public InetSocketAddress clientAddress() {
        return client;
    }

    /** The TCP control connection carries nothing after the request; its EOF or error ends the association. */
    private void watchControl() {
        ByteBuffer sink = ByteBuffer.allocate(512);
        try {
            while (true) {
                sink.clear();
                if (control.read(sink) < 0) {
                    setReason(EndReason.of(EndReason.Kind.CLIENT_CLOSED));
                    return;
                }
            }
        } catch (IOException e) {
            setReason(EndReason.error(EndReason.Kind.CLIENT_ERROR, IoErrors.describe(e)));
        }
    }

    private void pumpFromClient() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_DATAGRAM);
        while (!finished) {
            buffer.clear();
            InetSocketAddress source;
            try {
                source = (InetSocketAddress) internal.receive(buffer);
            } catch (IOException e) {
                if (finished || !internal.isOpen()) return;
                continue; // a stray ICMP error on the client side: nothing to do with the next datagram
            }
            clientTimer.read(internalStamps);
            buffer.flip();
            lastActivity = System.nanoTime();
            int length = buffer.remaining();
            InetSocketAddress target = handler.outbound(buffer, source);
            if (target == null) continue;
            if (source != client) client = source; // the JDK hands back the same address while the sender stays
            counters.readFromClient(length);
            forward(buffer, target);
        }
    }

    private void forward(ByteBuffer payload, InetSocketAddress target) {
        DatagramChannel out;
        try {
            out = externalFor(target);
        } catch (IOException e) {
            handler.failed(null, target, IoErrors.describe(e));
            return;
        }
        InetSocketAddress from = externalAddress();
        handler.sending(from, target, payload);
        int length = payload.remaining();
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                out.send(payload, target);
                counters.wroteToTarget(length);
                clientTimer.sent();
                return;
            } catch (PortUnreachableException e) {
                // The refusal belongs to an earlier datagram; this one has not gone yet.
                handler.failed(from, target, DELAYED_REFUSAL);
            } catch (IOException e) {
                if (finished) return;
                handler.failed(from, target, IoErrors.describe(e));
                return;
            }
        }
    }

    /** The external socket for a datagram to {@code target}: opened on first use, unconnected once shared. */
    private DatagramChannel externalFor(InetSocketAddress target) throws IOException {
        DatagramChannel current = external;
        if (current == null) {
            DatagramChannel opened = open(target.getAddress());
            opened.bind(new InetSocketAddress(handler.externalFor(target.getAddress()), 0));
            opened.connect(target);
            externalStamps = stamps(opened);
            externalAddress = (InetSocketAddress) opened.getLocalAddress();
            connectedTo = target;
            external = opened;
            fromTargets = pump("udp-from-targets", this::pumpFromTargets);
            return opened;
        }
        if (severalTargets || target.equals(connectedTo)) return current;
        // A second target: the same address and port, no longer connected. A connected channel cannot be
        // disconnected while its reader waits, so it is closed (which wakes the reader) and bound again.
        InetSocketAddress local = (InetSocketAddress) current.getLocalAddress();
        severalTargets = true;
        DatagramChannel shared = open(target.getAddress());
        closeQuietly(current);
        awaitReaderLeaving(current);
        try {
            shared.bind(local);
        } catch (IOException taken) {
            shared.bind(new InetSocketAddress(local.getAddress(), 0));
        }
        externalStamps = stamps(shared);
        externalAddress = (InetSocketAddress) shared.getLocalAddress();
        external = shared;
        return shared;
    }

    /**
     * A channel closed while a thread waits in it releases its port only when that thread has left; the port is
     * wanted again at once.
     */
    private void awaitReaderLeaving(DatagramChannel closed) {
        long deadline = System.nanoTime() + 1_000_000_000L;
        while (readingOn == closed && System.nanoTime() < deadline) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Stamps for a new external socket, if the internal one has them (else latency is not asked for, or cannot be). */
    private ArrivalStamps stamps(DatagramChannel channel) {
        return internalStamps == null ? null : ArrivalStamps.of(channel);
    }

    private static DatagramChannel open(InetAddress target) throws IOException {
        return DatagramChannel.open(target instanceof Inet4Address ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
    }

    private void pumpFromTargets() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(HEADROOM + MAX_DATAGRAM);
        while (!finished) {
            DatagramChannel in = external;
            // severalTargets is set before external is replaced: while it is false, in is the connected socket, and
            // its one sender is known, so a plain read(2) does without the sender's address.
            InetSocketAddress connected = severalTargets ? null : connectedTo;
            ArrivalStamps inStamps = externalStamps; // written before external: of this socket or a newer one
            buffer.clear().position(HEADROOM);
            InetSocketAddress source;
            readingOn = in;
            try {
                if (connected != null) {
                    in.read(buffer);
                    source = connected;
                } else {
                    source = (InetSocketAddress) in.receive(buffer);
                }
            } catch (PortUnreachableException e) {
                InetSocketAddress target = connectedTo;
                handler.failed(externalAddress, target, DELAYED_REFUSAL);
                continue;
            } catch (ClosedChannelException e) {
                if (finished) return;
                continue; // replaced by an unconnected socket: read that one
            } catch (IOException e) {
                if (finished) return;
                handler.failed(externalAddress, connectedTo, IoErrors.describe(e));
                continue;
            } finally {
                readingOn = null;
            }
            targetTimer.read(inStamps);
            buffer.flip().position(HEADROOM);
            lastActivity = System.nanoTime();
            int length = buffer.remaining();
            counters.readFromTarget(length);
            InetSocketAddress to = client;
            byte[] header = handler.inbound(buffer, source, externalAddress);
            if (header == null || to == null) continue;
            buffer.position(HEADROOM - header.length);
            buffer.put(header).position(HEADROOM - header.length);
            try {
                internal.send(buffer, to);
                counters.wroteToClient(header.length + length);
                targetTimer.sent();
            } catch (IOException e) {
                if (finished) return;
                // The client's UDP socket refused (it closed): the control connection decides the end.
            }
        }
    }

    private void checkIdle() {
        if (finished) return;
        long idle = System.nanoTime() - lastActivity;
        long limit = ioTimeout.toNanos();
        if (idle >= limit) {
            setReason(EndReason.of(EndReason.Kind.IO_TIMEOUT));
            closeQuietly(control);
        } else {
            timer = Watchdog.afterNanos(limit - idle, this::checkIdle);
        }
    }

    @Override
    public void shutDown() {
        setReason(EndReason.of(EndReason.Kind.SHUTDOWN));
        // as an i/o timeout does: the end of the control connection ends the association
        closeQuietly(control);
    }

    private synchronized void setReason(EndReason candidate) {
        if (reason == null) reason = candidate;
    }

    /**
     * The two datagram pumps of an association are platform threads: a datagram relay lives on one recvfrom(2)
     * after another, which a platform thread makes directly while a virtual one goes through the JDK's poller
     * each time its socket is empty (measured: bench/udp.sh). Associations are few; their threads are cheap enough.
     */
    private static Thread pump(String name, Runnable body) {
        return Thread.ofPlatform().daemon(true).name(name).start(body);
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(java.nio.channels.Channel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing is best effort
        }
    }
}
