package org.wirelog.socks.status;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.wirelog.model.Session;
import org.wirelog.relay.DatagramLatency;
import org.wirelog.relay.RelayCounters;
import org.wirelog.relay.StoppableRelay;

/**
 * What the server is doing right now, for the SIGUSR1 status dump: the counts of client connections and every
 * session that is relaying, with its relay's live counters. Registration is cheap (one map entry), so every
 * session registers whether or not anyone ever asks.
 */
public final class ActiveSessions {

    /** Dante keeps the latency of the last packets per i/o process; wirelog has one window for the process. */
    private static final int LATENCY_WINDOW = 100;

    /** One relaying session, as a dump sees it. */
    public record Active(Session session, RelayCounters counters) {
    }

    /** A registered session: its endpoints as they are known at the moment of asking. */
    private record Entry(long id, Supplier<Session> session, StoppableRelay relay) {
    }

    /** A session's entry; closing it removes the entry. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    private final Instant started = Instant.now();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong handled = new AtomicLong();
    private final AtomicInteger connections = new AtomicInteger();
    private final ConcurrentHashMap<Long, Entry> sessions = new ConcurrentHashMap<>();
    private final LatencyStats readLatency = new LatencyStats(LATENCY_WINDOW);
    private final LatencyStats ioLatency = new LatencyStats(LATENCY_WINDOW);
    private final DatagramLatency datagramLatency = new DatagramLatency() {
        @Override
        public void read(long micros) {
            readLatency.add(micros);
        }

        @Override
        public void relayed(long micros) {
            ioLatency.add(micros);
        }
    };

    /** A client connection was accepted; it counts as open until {@link #connectionClosed()}. */
    public void connectionAccepted() {
        accepted.incrementAndGet();
        connections.incrementAndGet();
    }

    /** A client's request got past negotiation and its rules, to a command. */
    public void requestHandled() {
        handled.incrementAndGet();
    }

    public void connectionClosed() {
        connections.decrementAndGet();
    }

    public Registration register(Session session, StoppableRelay relay) {
        return register(session.id(), () -> session, relay);
    }

    /**
     * A session whose endpoints are learned while it relays (a UDP association's client port, PROXY-EXT and
     * TARGET): {@code session} is asked at each dump.
     */
    public Registration register(long id, Supplier<Session> session, StoppableRelay relay) {
        sessions.put(id, new Entry(id, session, relay));
        return () -> sessions.remove(id);
    }

    /** SIGTERM: ends every relaying session now, each still logging its end as {@code server exiting}. */
    public void shutDownAll() {
        sessions.values().forEach(entry -> entry.relay().shutDown());
    }

    public Instant started() {
        return started;
    }

    public long accepted() {
        return accepted.get();
    }

    public long handled() {
        return handled.get();
    }

    public int connections() {
        return connections.get();
    }

    /** The relaying sessions, oldest first. */
    public List<Active> sessions() {
        return sessions.values().stream().sorted(Comparator.comparingLong(Entry::id))
                .map(entry -> new Active(entry.session().get(), entry.relay())).toList();
    }

    /** Where UDP relays report their datagrams' latency, into {@link #readLatency()} and {@link #ioLatency()}. */
    public DatagramLatency datagramLatency() {
        return datagramLatency;
    }

    /** From a datagram's arrival (the kernel's stamp) to its being read. */
    public LatencyStats readLatency() {
        return readLatency;
    }

    /** From a datagram's arrival (the kernel's stamp) to its being sent on. */
    public LatencyStats ioLatency() {
        return ioLatency;
    }
}
