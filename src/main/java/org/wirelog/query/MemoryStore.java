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
 * (what the far side saw) and by both addresses of each packet. For a question asked once, right after
 * reading: the records are small, and one pass over the logs answers it without a database to keep up to
 * date. Its memory grows with the logs; {@code wirelog index} keeps them in SQLite instead.
 */
public final class MemoryStore implements ConnectionStore {

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

    @Override
    public List<Connection> outside(InetAddress address, Integer port, Instant from, Instant to) {
        List<Connection> found = new ArrayList<>();
        for (Connection c : byOutside.getOrDefault(address, List.of())) {
            if (port != null && c.outside().port() != port) continue;
            if (ConnectionStore.meets(c.begin(), c.end(), from, to)) found.add(c);
        }
        found.sort(ConnectionStore.BY_BEGIN);
        return found;
    }

    @Override
    public List<PacketSeen> packets(InetAddress address, Integer port, Instant from, Instant to) {
        List<PacketSeen> found = new ArrayList<>();
        for (PacketSeen p : packets.getOrDefault(address, List.of())) {
            var packet = p.entry().packet();
            boolean isSource = packet.ip().source().equals(address);
            Integer seenPort = isSource ? packet.sourcePort() : packet.destinationPort();
            if (port != null && !port.equals(seenPort)) continue;
            if (ConnectionStore.meets(p.time(), p.time(), from, to)) found.add(p);
        }
        return found;
    }
}
