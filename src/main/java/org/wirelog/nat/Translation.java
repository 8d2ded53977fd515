package org.wirelog.nat;

import java.time.Instant;
import org.wirelog.model.Command;
import org.wirelog.model.EndReason;
import org.wirelog.model.Endpoint;
import org.wirelog.model.Event.SessionClosed;
import org.wirelog.model.Event.SessionOpened;
import org.wirelog.model.LinkCounters;
import org.wirelog.model.Protocol;
import org.wirelog.model.Session;
import org.wirelog.model.Traffic;
import org.wirelog.model.Verdict;
import org.wirelog.packet.IpDecoder;
import org.wirelog.packet.Ipv4Header;

/**
 * A source-NAT translation, the same whichever mode saw it, and the shared model's form of it: a
 * {@link Session} of command {@code nat} with client IPsrc:sport, external IPfw:fwport (the address the
 * destination sees; null when never seen) and target IPdst:dport. It is opened once its via is known
 * (the translation exists) and closed with its traffic, which counts whole IP packets sent by IPsrc and
 * received by it.
 */
record Translation(Protocol protocol, Endpoint source, Endpoint via, Endpoint destination) {

    Session session(Instant begin) {
        return new Session(Session.nextId(), protocol, Command.NAT, Verdict.pass(0), source, null, via, null, null, destination, begin);
    }

    /** The translation is in place: its session, opened at its begin. */
    static SessionOpened opened(Session session) {
        return new SessionOpened(session.begin(), session);
    }

    static SessionClosed closed(Session session, Instant end, EndReason reason,
                                long sentBytes, long sentPackets, long receivedBytes, long receivedPackets) {
        var fromSource = new LinkCounters(receivedBytes, sentBytes, receivedPackets, sentPackets);
        var toDestination = new LinkCounters(sentBytes, receivedBytes, sentPackets, receivedPackets);
        return new SessionClosed(end, session, new Traffic(fromSource, toDestination), reason);
    }

    static Protocol protocol(int number) {
        return switch (number) {
            case IpDecoder.TCP -> Protocol.TCP;
            case IpDecoder.UDP -> Protocol.UDP;
            case IpDecoder.ICMP -> Protocol.ICMP;
            default -> throw new IllegalArgumentException("not a tracked protocol: " + number);
        };
    }

    static Endpoint endpoint(int ip, int port) {
        return Endpoint.of(Ipv4Header.address(ip), port);
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
    }
}
