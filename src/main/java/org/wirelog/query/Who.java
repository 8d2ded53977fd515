package org.wirelog.query;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.wirelog.model.Endpoint;
import org.wirelog.read.Record.Connection;
import org.wirelog.read.Record.PacketSeen;

/**
 * "Who was behind IP:port at time T?": every connection whose outside endpoint was that one at that time,
 * each followed hop by hop to the inside. One hop further inside is a connection whose outside endpoint is
 * this hop's inside endpoint (its client) and whose time span meets this hop's, give or take the window
 * (the clocks of different logs are not the same clock).
 */
public final class Who {

    /** Far more hops than any real chain; it only stops a loop of logs that point at each other. */
    private static final int MAX_HOPS = 16;

    /** The whole answer: the chains, and the packets the kernel logs showed for the endpoint. */
    public record Answer(EndpointArgument endpoint, Instant at, Duration window, List<Attribution> chains,
                         List<PacketSeen> packets) {
    }

    private final ConnectionStore store;

    public Who(ConnectionStore store) {
        this.store = store;
    }

    public Answer ask(EndpointArgument endpoint, Instant at, Duration window) {
        return store.atOnce(() -> answer(endpoint, at, window));
    }

    private Answer answer(EndpointArgument endpoint, Instant at, Duration window) {
        Instant from = at.minus(window), to = at.plus(window);
        List<Attribution> chains = new ArrayList<>();
        for (Connection c : store.outside(endpoint.address(), endpoint.port(), from, to)) {
            Set<Connection> path = new HashSet<>();
            path.add(c);
            chains.add(new Attribution(c, inside(c, window, path)));
        }
        return new Answer(endpoint, at, window, List.copyOf(chains), store.packets(endpoint.address(), endpoint.port(), from, to));
    }

    private List<Attribution> inside(Connection hop, Duration window, Set<Connection> path) {
        Endpoint client = hop.inside();
        if (client == null || client.address() == null || path.size() >= MAX_HOPS) return List.of();
        Instant from = hop.begin() == null ? Instant.MIN : hop.begin().minus(window);
        Instant to = hop.end() == null ? Instant.MAX : hop.end().plus(window);
        List<Attribution> found = new ArrayList<>();
        for (Connection inner : store.outside(client.address(), client.port(), from, to)) {
            if (!path.add(inner)) continue;
            found.add(new Attribution(inner, inside(inner, window, path)));
            path.remove(inner);
        }
        return List.copyOf(found);
    }
}
