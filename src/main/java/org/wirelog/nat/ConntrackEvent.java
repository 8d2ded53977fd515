package org.wirelog.nat;

import java.net.InetAddress;
import org.wirelog.packet.IpDecoder;

/**
 * One {@code conntrack -E} event line, parsed.
 *
 * @param micros         the {@code [sec.usec]} stamp ({@code -o timestamp}), or -1 when the line has none
 * @param original       the tuple as the connection's first packet carried it
 * @param reply          the tuple replies carry: its destination is the translated source (IPfw:fwport)
 * @param deltaSeconds   the connection's age at DESTROY ({@code delta-time=}, with nf_conntrack_timestamp=1), or -1
 */
public record ConntrackEvent(Type type, long micros, int protocol, Tuple original, Tuple reply, long deltaSeconds) {

    public enum Type { NEW, UPDATE, DESTROY }

    /**
     * One direction of a conntrack entry; for icmp the identifier stands in for the source port, as in
     * {@link NatPacket}. {@code packets} and {@code bytes} are -1 when conntrack counts nothing (acct=0).
     */
    public record Tuple(InetAddress source, InetAddress destination, int sourcePort, int destinationPort, long packets, long bytes) {
    }

    /** The translated source port: where replies go (for icmp, the identifier replies carry). */
    public int viaPort() {
        return protocol == IpDecoder.ICMP || protocol == IpDecoder.ICMPV6 ? reply.sourcePort() : reply.destinationPort();
    }

    /** Source NAT: replies go to another address or port than the one the connection came from. */
    public boolean isSourceNat() {
        return !reply.destination().equals(original.source()) || viaPort() != original.sourcePort();
    }
}
