package org.wirelog.read;

import java.time.DateTimeException;
import java.time.Instant;
import org.wirelog.format.ipprot.ConnectionEntry;
import org.wirelog.model.Command;
import org.wirelog.model.EndReason;
import org.wirelog.model.Endpoint;
import org.wirelog.model.Event;
import org.wirelog.model.LinkCounters;
import org.wirelog.model.Protocol;
import org.wirelog.model.Session;
import org.wirelog.model.Traffic;
import org.wirelog.model.Verdict;

/**
 * A connection log entry as the shared model's closed forward session: CLIENT ({@code %i.%c}) ->
 * our listening socket ({@code %l.%p}) -> the target ({@code %h.%P}). The log does not show our outgoing
 * socket, so the session has no external endpoint. What the template leaves out stays unknown (0.0.0.0.0).
 */
final class ForwardedConnection {

    private ForwardedConnection() {
    }

    /** @throws IllegalArgumentException when begin and duration give a time beyond any clock */
    static Event.SessionClosed closed(ConnectionEntry e) {
        try {
            return closedWithin(e);
        } catch (DateTimeException | ArithmeticException outOfRange) {
            throw new IllegalArgumentException("begin, end and duration give no time: " + e.begin() + ", " + e.end() + ", " + e.duration());
        }
    }

    private static Event.SessionClosed closedWithin(ConnectionEntry e) {
        Instant end = e.end() != null ? e.end().toInstant() : e.begin() != null && e.duration() != null
                ? e.begin().toInstant().plus(e.duration()) : null;
        Instant begin = e.begin() != null ? e.begin().toInstant() : end != null && e.duration() != null ? end.minus(e.duration()) : end;
        Endpoint target = e.targetIp() == null ? null : endpoint(e.targetIp(), e.targetPort());
        Session session = new Session(e.number() == null ? Session.nextId() : e.number(), Protocol.TCP, Command.FORWARD,
                Verdict.pass(0), endpoint(e.clientIp(), e.clientPort()), endpoint(e.listenIp(), e.listenPort()), null, null,
                null, target, begin);
        long in = e.bytesIn() == null ? 0 : e.bytesIn(), out = e.bytesOut() == null ? 0 : e.bytesOut();
        return new Event.SessionClosed(end, session, new Traffic(LinkCounters.bytes(out, in), null),
                e.reason() == null ? null : EndReason.parse(e.reason()));
    }

    private static Endpoint endpoint(String host, Integer port) {
        if (host == null) return Endpoint.UNSET;
        int p = port == null ? 0 : port;
        try {
            return Endpoint.of(java.net.InetAddress.ofLiteral(host), p);
        } catch (IllegalArgumentException e) {
            return Endpoint.unresolved(host, p);
        }
    }
}
