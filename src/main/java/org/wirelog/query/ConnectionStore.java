package org.wirelog.query;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.wirelog.model.Endpoint;
import org.wirelog.read.Record;
import org.wirelog.read.Record.Connection;
import org.wirelog.read.Record.PacketSeen;

/**
 * The records read, held in memory and indexed by address: by the outside endpoint of each connection
 * (what the far side saw) and by both addresses of each packet. In memory because a question is asked
 * right after reading: the records are small (no log text is kept), and one pass over the logs answers
 * it without a database to keep up to date.
 */
public final class ConnectionStore {

    private final Map<InetAddress, List<Connection>> byOutside = new HashMap<>();
    private final Map<InetAddress, List<PacketSeen>> packets = new HashMap<>();
    private long size;

    public void add(Record record) {
        size++;
        switch (record) {
            case Connection c -> {
                Endpoint outside = c.outside();
                if (outside != null && outside.address() != null) byOutside.computeIfAbsent(outside.address(), a -> new ArrayList<>()).add(c);
            }
            case PacketSeen p -> {
                packets.computeIfAbsent(p.entry().packet().ip().source(), a -> new ArrayList<>()).add(p);
                packets.computeIfAbsent(p.entry().packet().ip().destination(), a -> new ArrayList<>()).add(p);
            }
        }
    }

    public long size() {
        return size;
    }

    /** Connections whose outside endpoint is that address (and port, unless null) and whose time span meets {@code [from, to]}. */
    public List<Connection> outside(InetAddress address, Integer port, Instant from, Instant to) {
        List<Connection> found = new ArrayList<>();
        for (Connection c : byOutside.getOrDefault(address, List.of())) {
            if (port != null && c.outside().port() != port) continue;
            if (meets(c.begin(), c.end(), from, to)) found.add(c);
        }
        found.sort((a, b) -> compare(a.begin(), b.begin()));
        return found;
    }

    /** Packets from or to that address (and port, unless null) within {@code [from, to]}. */
    public List<PacketSeen> packets(InetAddress address, Integer port, Instant from, Instant to) {
        List<PacketSeen> found = new ArrayList<>();
        for (PacketSeen p : packets.getOrDefault(address, List.of())) {
            var packet = p.entry().packet();
            boolean isSource = packet.ip().source().equals(address);
            Integer seenPort = isSource ? packet.sourcePort() : packet.destinationPort();
            if (port != null && !port.equals(seenPort)) continue;
            if (meets(p.time(), p.time(), from, to)) found.add(p);
        }
        return found;
    }

    /** A missing begin or end (no time in the log, still open) does not rule a record out. */
    static boolean meets(Instant begin, Instant end, Instant from, Instant to) {
        return (begin == null || !begin.isAfter(to)) && (end == null || !end.isBefore(from));
    }

    private static int compare(Instant a, Instant b) {
        if (a == null || b == null) return a == null ? (b == null ? 0 : -1) : 1;
        return a.compareTo(b);
    }
}
