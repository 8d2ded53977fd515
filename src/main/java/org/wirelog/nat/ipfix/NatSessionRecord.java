package org.wirelog.nat.ipfix;

import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.wirelog.model.Command;
import org.wirelog.model.EndReason;
import org.wirelog.model.Endpoint;
import org.wirelog.model.Event;
import org.wirelog.model.Event.SessionClosed;
import org.wirelog.model.Event.SessionOpened;
import org.wirelog.model.LinkCounters;
import org.wirelog.model.Protocol;
import org.wirelog.model.Session;
import org.wirelog.packet.IpDecoder;

/**
 * One NAT44 session event as a Data Record (RFC 8158): natEvent 4 when a translation is created, 5 when it is
 * deleted. For icmp the echo identifier stands in for the ports, as NAT devices translate it.
 *
 * @param counts what the session carried, on a delete whose counts are known; else null
 */
record NatSessionRecord(int natEvent, Instant time, Session session, Counts counts) {

    static final int NAT44_SESSION_CREATE = 4, NAT44_SESSION_DELETE = 5;

    /** Octets (whole IP packets) and packets from the source to the destination, and back. */
    record Counts(long octets, long packets, long reverseOctets, long reversePackets) {
    }

    /**
     * @param withCounts whether the deletes carry counts (not when the source counted none, natlog's --no-bytes)
     * @return the record of a NAT session opened or closed, or null for anything else: other events, a translation
     *         whose outside address was never seen, or one still open when wirelog stopped (it was not deleted)
     */
    static NatSessionRecord of(Event event, boolean withCounts) {
        return switch (event) {
            case SessionOpened opened when exportable(opened.session()) ->
                    new NatSessionRecord(NAT44_SESSION_CREATE, opened.time(), opened.session(), null);
            case SessionClosed closed when exportable(closed.session()) && !stopped(closed.reason()) ->
                    new NatSessionRecord(NAT44_SESSION_DELETE, closed.time(), closed.session(),
                            withCounts ? counts(closed) : null);
            default -> null;
        };
    }

    private static boolean exportable(Session s) {
        return s.command() == Command.NAT && ipv4(s.client()) && ipv4(s.external()) && ipv4(s.target());
    }

    private static boolean ipv4(Endpoint e) {
        return e != null && e.address() instanceof Inet4Address;
    }

    private static boolean stopped(EndReason reason) {
        return reason != null && reason.kind() == EndReason.Kind.SHUTDOWN;
    }

    private static Counts counts(SessionClosed closed) {
        LinkCounters source = closed.traffic() == null ? LinkCounters.ZERO : closed.traffic().client();
        return new Counts(source.read(), source.packetsRead(), source.written(), source.packetsWritten());
    }

    Template template() {
        return counts == null ? NatTemplates.SESSION : NatTemplates.SESSION_WITH_COUNTS;
    }

    /** The record's fields, in its template's order. */
    void writeTo(ByteBuffer out) {
        for (InformationElement field : template().fields()) {
            switch (field) {
                case OBSERVATION_TIME_MILLISECONDS -> out.putLong(time.toEpochMilli());
                case NAT_EVENT -> out.put((byte) natEvent);
                case SOURCE_IPV4_ADDRESS -> out.put(session.client().address().getAddress());
                case POST_NAT_SOURCE_IPV4_ADDRESS -> out.put(session.external().address().getAddress());
                case PROTOCOL_IDENTIFIER -> out.put((byte) protocolNumber(session.protocol()));
                case SOURCE_TRANSPORT_PORT -> out.putShort((short) session.client().port());
                case POST_NAPT_SOURCE_TRANSPORT_PORT -> out.putShort((short) session.external().port());
                case DESTINATION_IPV4_ADDRESS -> out.put(session.target().address().getAddress());
                case DESTINATION_TRANSPORT_PORT -> out.putShort((short) session.target().port());
                case OCTET_DELTA_COUNT -> out.putLong(counts.octets());
                case PACKET_DELTA_COUNT -> out.putLong(counts.packets());
                case REVERSE_OCTET_DELTA_COUNT -> out.putLong(counts.reverseOctets());
                case REVERSE_PACKET_DELTA_COUNT -> out.putLong(counts.reversePackets());
            }
        }
    }

    private static int protocolNumber(Protocol protocol) {
        return switch (protocol) {
            case ICMP -> IpDecoder.ICMP;
            case TCP -> IpDecoder.TCP;
            case UDP -> IpDecoder.UDP;
        };
    }
}
