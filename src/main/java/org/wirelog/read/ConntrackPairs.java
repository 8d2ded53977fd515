package org.wirelog.read;

import java.net.InetAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.wirelog.format.natlog.NatlogFields;
import org.wirelog.format.natlog.NatlogStatus;
import org.wirelog.model.Endpoint;
import org.wirelog.model.Event.SessionClosed;
import org.wirelog.model.Protocol;
import org.wirelog.nat.ConntrackEvent;
import org.wirelog.packet.IpDecoder;

/**
 * Pairs {@code conntrack -E} events into connections: a {@code [NEW]} gives the begin, its
 * {@code [DESTROY]} the end and the counters ({@code bytes=} of the original tuple = sent by the source,
 * of the reply tuple = received), as natlog's conntrack mode does. A DESTROY without its NEW begins
 * {@code delta-time=} seconds before its end, or at its end; a NEW without DESTROY stays open.
 */
final class ConntrackPairs {

    private record Opened(Origin origin, ConntrackEvent event) {
    }

    /** What a NEW and its DESTROY share: the original tuple without its counters. */
    private record Key(int protocol, InetAddress source, int sourcePort, InetAddress destination, int destinationPort) {
    }

    private final Map<Key, Opened> open = new LinkedHashMap<>();
    private final Consumer<Record> out;

    ConntrackPairs(Consumer<Record> out) {
        this.out = out;
    }

    void accept(Origin origin, ConntrackEvent event) {
        Key key = key(event);
        switch (event.type()) {
            case NEW -> open.put(key, new Opened(origin, event));
            case UPDATE -> open.putIfAbsent(key, new Opened(origin, event));
            case DESTROY -> {
                Opened opened = open.remove(key);
                Instant end = time(event);
                Instant begin = opened != null ? time(opened.event())
                        : end != null && event.deltaSeconds() >= 0 ? end.minusSeconds(event.deltaSeconds()) : end;
                emit(origin, event, begin, end, false);
            }
        }
    }

    void finish() {
        open.values().forEach(o -> emit(o.origin(), o.event(), time(o.event()), null, true));
        open.clear();
    }

    private void emit(Origin origin, ConntrackEvent e, Instant begin, Instant end, boolean stillOpen) {
        Protocol protocol = switch (e.protocol()) {
            case IpDecoder.TCP -> Protocol.TCP;
            case IpDecoder.UDP -> Protocol.UDP;
            default -> Protocol.ICMP;
        };
        var o = e.original();
        var fields = new NatlogFields(protocol, Endpoint.of(o.source(), o.sourcePort()), Endpoint.of(e.reply().destination(), e.viaPort()),
                Endpoint.of(o.destination(), o.destinationPort()), Math.max(0, o.bytes()), Math.max(0, e.reply().bytes()),
                begin, end, NatlogStatus.OK);
        SessionClosed closed = fields.closed();
        out.accept(new Record.Connection(origin, LogKind.CONNTRACK, closed.session(), end, closed.traffic(),
                stillOpen ? "open at the end of the log" : "destroyed", false));
    }

    private static Instant time(ConntrackEvent e) {
        return e.micros() < 0 ? null : Instant.ofEpochSecond(e.micros() / 1_000_000, e.micros() % 1_000_000 * 1000);
    }

    private static Key key(ConntrackEvent e) {
        var o = e.original();
        return new Key(e.protocol(), o.source(), o.sourcePort(), o.destination(), o.destinationPort());
    }
}
