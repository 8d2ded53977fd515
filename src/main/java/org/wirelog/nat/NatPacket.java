package org.wirelog.nat;

import org.wirelog.packet.IcmpHeader;
import org.wirelog.packet.IpDecoder;
import org.wirelog.packet.IpPacket;
import org.wirelog.packet.Ipv4Header;
import org.wirelog.packet.TcpHeader;
import org.wirelog.packet.UdpHeader;

/**
 * One tcp, udp or icmp echo packet as the NAT tracker sees it. An icmp echo's identifier stands in for
 * a port, as conntrack does it: a request's source port, a reply's destination port, so that a reply's
 * tuple is its request's tuple reversed.
 *
 * @param ipLength      the IP total length: what conntrack counts for this packet
 * @param flags         tcp's flags; for icmp the message type
 * @param digest        what NAT leaves unchanged, to recognise the translated copy of a packet:
 *                      tcp's sequence number, or a hash of the udp/icmp payload (and the icmp sequence)
 * @param fragmentId    the IP identification when this is the first fragment of a datagram, else -1
 */
public record NatPacket(long micros, int protocol, int source, int destination, int sourcePort, int destinationPort,
                        int ipLength, int flags, long sequence, long acknowledgement, int segmentLength,
                        long digest, int fragmentId) implements Observed {

    /** How much payload goes into a digest: enough to tell datagrams apart, little enough to stay cheap. */
    private static final int DIGEST_BYTES = 64;
    private static final int ECHO_REQUEST = 8;

    /**
     * @param buffer the bytes {@code ip} was decoded from (for the payload digest)
     * @return what the tracker needs of this packet, or null when it tracks nothing of it: IPv6,
     *         other protocols, icmp errors and other non-echo messages, a capture cut before the ports
     */
    public static Observed of(IpPacket ip, byte[] buffer, long micros) {
        if (!(ip.ip() instanceof Ipv4Header v4)) return null;
        if (v4.isLaterFragment()) {
            return new LaterFragment(micros, v4.protocol(), v4.source(), v4.destination(), v4.identification(),
                    v4.totalLength() - v4.headerLength(), v4.moreFragments());
        }
        int fragmentId = v4.moreFragments() ? v4.identification() : -1;
        return switch (ip.transport()) {
            case TcpHeader tcp -> new NatPacket(micros, IpDecoder.TCP, v4.source(), v4.destination(), tcp.sourcePort(),
                    tcp.destinationPort(), v4.totalLength(), tcp.flags(), tcp.sequence(), tcp.acknowledgement(),
                    ip.payloadLength(), tcp.sequence(), fragmentId);
            case UdpHeader udp -> new NatPacket(micros, IpDecoder.UDP, v4.source(), v4.destination(), udp.sourcePort(),
                    udp.destinationPort(), v4.totalLength(), 0, 0, 0, 0, payloadDigest(ip, buffer), fragmentId);
            case IcmpHeader icmp when icmp.isEchoRequest() -> new NatPacket(micros, IpDecoder.ICMP, v4.source(),
                    v4.destination(), icmp.identifier(), 0, v4.totalLength(), icmp.type(), 0, 0, 0,
                    (long) icmp.sequence() << 32 ^ payloadDigest(ip, buffer), fragmentId);
            case IcmpHeader icmp when icmp.isEchoReply() -> new NatPacket(micros, IpDecoder.ICMP, v4.source(),
                    v4.destination(), 0, icmp.identifier(), v4.totalLength(), icmp.type(), 0, 0, 0,
                    (long) icmp.sequence() << 32 ^ payloadDigest(ip, buffer), fragmentId);
            case null, default -> null;
        };
    }

    private static long payloadDigest(IpPacket ip, byte[] buffer) {
        long hash = 0xcbf29ce484222325L ^ ip.payloadLength();
        int end = ip.payloadOffset() + Math.min(DIGEST_BYTES, ip.payloadCaptured());
        for (int i = ip.payloadOffset(); i < end; i++) hash = (hash ^ (buffer[i] & 0xff)) * 0x100000001b3L;
        return hash;
    }

    public boolean has(int tcpFlag) {
        return (flags & tcpFlag) != 0;
    }

    /** The packet that starts a flow: a tcp SYN without ACK, any udp datagram, an icmp echo request. */
    public boolean opens() {
        return switch (protocol) {
            case IpDecoder.TCP -> has(TcpHeader.SYN) && !has(TcpHeader.ACK);
            case IpDecoder.ICMP -> flags == ECHO_REQUEST;
            default -> true;
        };
    }
}
