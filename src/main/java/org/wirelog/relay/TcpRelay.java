package org.wirelog.relay;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.wirelog.model.Direction;
import org.wirelog.model.EndReason;
import org.wirelog.model.LinkCounters;
import org.wirelog.model.Traffic;

/**
 * Moves bytes both ways between a client and a target until both sides are done: full duplex, one
 * blocking thread per direction, an EOF passed on as a half-close so the other direction keeps going.
 * Counts exactly what was read from and written to each side.
 */
public final class TcpRelay implements StoppableRelay {

    /** i/o timeout: no byte either way for this long ends the session; fin-wait: how long to wait for the
     * second side's EOF after the first. Zero means no limit. */
    public record Timeouts(Duration io, Duration finWait) {
        public static final Timeouts NONE = new Timeouts(Duration.ZERO, Duration.ZERO);
    }

    private static final ByteBuffer EOF = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private final SocketChannel client;
    private final SocketChannel target;
    private final RelayListener listener;
    private final Timeouts timeouts;
    private final long started = System.nanoTime();

    // Each counter has a single writer: the thread of one direction.
    private volatile long readFromClient, writtenToTarget, readFromTarget, writtenToClient;
    private volatile long lastActivity = started;
    private final AtomicInteger eofs = new AtomicInteger();
    private volatile EndReason reason;
    private volatile boolean finished;
    private volatile ScheduledFuture<?> timer;

    private final ByteBuffer pendingFromClient;
    private ByteBuffer pendingFromTarget;
    private int readLimit = Integer.MAX_VALUE;
    private Runnable beforeClosing = () -> { };

    /**
     * @param pendingFromClient bytes the client sent ahead (after its SOCKS request), passed on first; or null
     */
    public TcpRelay(SocketChannel client, SocketChannel target, RelayListener listener, Timeouts timeouts,
                    ByteBuffer pendingFromClient) {
        this.pendingFromClient = pendingFromClient;
        this.client = client;
        this.target = target;
        this.listener = listener;
        this.timeouts = timeouts;
    }

    /**
     * Reads (and so passes on) at most {@code maxBytes} in one piece, for peers that expect pieces no larger
     * (ipprotd's -b). Call before {@link #run()}.
     */
    public TcpRelay limitReads(int maxBytes) {
        if (maxBytes < 1) throw new IllegalArgumentException("read limit must be positive: " + maxBytes);
        readLimit = maxBytes;
        return this;
    }

    /**
     * Bytes the target side sent ahead, passed on first (a BIND client that wrote before its second reply, the
     * client being the target side of a bindreply). Call before {@link #run()}.
     */
    public TcpRelay pendingFromTarget(ByteBuffer bytes) {
        pendingFromTarget = bytes;
        return this;
    }

    /**
     * Runs {@code action} once both directions are done, before the channels are closed (while they can still be
     * asked about themselves, as for {@code log: tcpinfo}). Call before {@link #run()}.
     */
    public TcpRelay beforeClosing(Runnable action) {
        beforeClosing = action;
        return this;
    }

    /** Relays until both directions are done, then closes both channels. Runs on the calling thread plus one more. */
    public EndReason run() {
        if (!timeouts.io().isZero()) timer = Watchdog.after(timeouts.io(), this::checkIdle);
        Thread fromTarget = Thread.ofVirtual().name("relay-from-target").start(() -> pump(Direction.FROM_TARGET, target, client));
        pump(Direction.FROM_CLIENT, client, target);
        try {
            fromTarget.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        finished = true;
        ScheduledFuture<?> t = timer;
        if (t != null) t.cancel(false);
        beforeClosing.run();
        closeQuietly(client);
        closeQuietly(target);
        return reason;
    }

    public Traffic traffic() {
        return new Traffic(LinkCounters.bytes(writtenToClient, readFromClient), LinkCounters.bytes(writtenToTarget, readFromTarget));
    }

    @Override
    public long bytesFromClient() {
        return writtenToTarget;
    }

    @Override
    public long bytesFromTarget() {
        return writtenToClient;
    }

    @Override
    public long idleNanos() {
        return System.nanoTime() - lastActivity;
    }

    private void pump(Direction direction, SocketChannel in, SocketChannel out) {
        boolean fromClient = direction == Direction.FROM_CLIENT;
        ByteBuffer small = BufferPool.SMALL.take();
        ByteBuffer buffer = small;
        ByteBuffer initial = fromClient ? pendingFromClient : pendingFromTarget;
        ByteBuffer pending = initial;
        try {
            while (true) {
                int n;
                if (pending != null) {
                    n = pending.remaining();
                    buffer = pending;
                    pending = null;
                } else {
                    buffer.clear();
                    if (buffer.capacity() > readLimit) buffer.limit(readLimit);
                    try {
                        n = in.read(buffer);
                    } catch (IOException e) {
                        fail(fromClient ? EndReason.Kind.CLIENT_ERROR : EndReason.Kind.TARGET_ERROR, e);
                        return;
                    }
                    buffer.flip();
                }
                if (n < 0) {
                    endOfStream(direction, out);
                    return;
                }
                lastActivity = System.nanoTime();
                if (fromClient) readFromClient += n; else readFromTarget += n;
                // Tell the listener before passing the bytes on, so a request's line comes before its answer's.
                if (listener != RelayListener.NONE) listener.transferred(direction, buffer.duplicate());
                try {
                    while (buffer.hasRemaining()) {
                        int w = out.write(buffer);
                        if (fromClient) writtenToTarget += w; else writtenToClient += w;
                    }
                } catch (IOException e) {
                    fail(fromClient ? EndReason.Kind.TARGET_ERROR : EndReason.Kind.CLIENT_ERROR, e);
                    return;
                }
                // Grow for bulk transfers, shrink back when traffic is sparse: idle sessions stay small.
                if (buffer == initial) {
                    buffer = small;
                } else if (buffer == small && n == small.capacity()) {
                    buffer = BufferPool.LARGE.take();
                } else if (buffer != small && n < small.capacity()) {
                    BufferPool.LARGE.give(buffer);
                    buffer = small;
                }
            }
        } finally {
            if (buffer != small && buffer != initial) BufferPool.LARGE.give(buffer);
            BufferPool.SMALL.give(small);
        }
    }

    private void endOfStream(Direction direction, SocketChannel out) {
        if (eofs.incrementAndGet() == 2) {
            // Both directions are done: closing both sockets, right after this, sends the FIN (every byte was read,
            // so a FIN, not a reset), one system call fewer per session.
            return;
        }
        setReason(EndReason.of(direction == Direction.FROM_CLIENT ? EndReason.Kind.CLIENT_CLOSED : EndReason.Kind.TARGET_CLOSED), false);
        // Dante logs only the first EOF of a session.
        listener.transferred(direction, EOF);
        if (!timeouts.finWait().isZero()) Watchdog.after(timeouts.finWait(), this::abort);
        try {
            out.shutdownOutput();
        } catch (IOException e) {
            // The other side is gone already; its own direction will notice.
        }
    }

    private void fail(EndReason.Kind kind, IOException e) {
        if (finished || !client.isOpen() || !target.isOpen()) {
            // Closed by a timeout or by the other direction's failure: that one already set the reason.
            setReason(EndReason.error(kind, IoErrors.describe(e)), false);
        } else {
            setReason(EndReason.error(kind, IoErrors.describe(e)), true);
        }
        abort();
    }

    private void checkIdle() {
        if (finished) return;
        long idle = System.nanoTime() - lastActivity;
        long limit = timeouts.io().toNanos();
        if (idle >= limit) {
            setReason(EndReason.of(EndReason.Kind.IO_TIMEOUT), true);
            abort();
        } else {
            timer = Watchdog.afterNanos(limit - idle, this::checkIdle);
        }
    }

    @Override
    public void shutDown() {
        setReason(EndReason.of(EndReason.Kind.SHUTDOWN), true);
        abort();
    }

    /** Records why the session ends; an error or timeout outranks an earlier plain EOF. */
    private synchronized void setReason(EndReason candidate, boolean outranksEof) {
        if (reason == null) {
            reason = candidate;
        } else if (outranksEof && (reason.kind() == EndReason.Kind.CLIENT_CLOSED || reason.kind() == EndReason.Kind.TARGET_CLOSED)) {
            reason = candidate;
        }
    }

    private void abort() {
        closeQuietly(client);
        closeQuietly(target);
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing is best effort
        }
    }
}
