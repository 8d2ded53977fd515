package org.wirelog.query;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import org.wirelog.read.Record.Connection;
import org.wirelog.read.Record.PacketSeen;

/**
 * Where {@link Who} looks records up: by the outside endpoint of a connection, by either address of a
 * packet. {@link MemoryStore} holds the logs of one question; the SQLite index ({@code wirelog index})
 * keeps them for many.
 */
public interface ConnectionStore {

    /** Oldest first; a record without a begin (its log gives no time) before all others. */
    Comparator<Connection> BY_BEGIN = Comparator.comparing(Connection::begin, Comparator.nullsFirst(Comparator.naturalOrder()));

    /**
     * Connections whose outside endpoint is that address (and port, unless null) and whose time span meets
     * {@code [from, to]}, in {@link #BY_BEGIN} order.
     */
    List<Connection> outside(InetAddress address, Integer port, Instant from, Instant to);

    /** Packets from or to that address (and port, unless null) within {@code [from, to]}. */
    List<PacketSeen> packets(InetAddress address, Integer port, Instant from, Instant to);

    /**
     * Asks {@code question} of the store as it is at one moment: the look-ups of one answer see the same records
     * (an index being added to meanwhile does not change an answer halfway), and a store that pays per look-up
     * for that view (the index: a lock) pays once.
     */
    default <T> T atOnce(Supplier<T> question) {
        return question.get();
    }

    /** A missing begin or end (no time in the log, still open) does not rule a record out. */
    static boolean meets(Instant begin, Instant end, Instant from, Instant to) {
        return (begin == null || !begin.isAfter(to)) && (end == null || !end.isBefore(from));
    }
}
