package org.wirelog.nat;

import org.wirelog.packet.IpDecoder;
import org.wirelog.packet.IpView;
import org.wirelog.packet.TcpHeader;

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
    private static final int ECHO_REQUEST = 8, ECHO_REPLY = 0;

    /**
     * @param ip     the packet, read in place from {@code buffer} (for the payload digest)
     * @return what the tracker needs of this packet, or null when it tracks nothing of it: IPv6,
     *         other protocols, icmp errors and other non-echo messages, a capture cut before the ports
     */
    public static Observed of(IpView ip, byte[] buffer, long micros) {
        if (ip.version() != 4) return null;
        if (ip.isLaterFragment()) {
            return new LaterFragment(micros, ip.protocol(), ip.source(), ip.destination(), ip.identification(),
                    ip.totalLength() - ip.headerLength(), ip.moreFragments());
        }
        if (!ip.hasTransport()) return null;
        int fragmentId = ip.moreFragments() ? ip.identification() : -1;
        return switch (ip.protocol()) {
            case IpDecoder.TCP -> new NatPacket(micros, IpDecoder.TCP, ip.source(), ip.destination(), ip.sourcePort(),
                    ip.destinationPort(), ip.totalLength(), ip.tcpFlags(), ip.sequence(), ip.acknowledgement(),
                    ip.payloadLength(), ip.sequence(), fragmentId);
            case IpDecoder.UDP -> new NatPacket(micros, IpDecoder.UDP, ip.source(), ip.destination(), ip.sourcePort(),
                    ip.destinationPort(), ip.totalLength(), 0, 0, 0, 0, payloadDigest(ip, buffer), fragmentId);
            case IpDecoder.ICMP -> switch (ip.icmpType()) {
                case ECHO_REQUEST -> new NatPacket(micros, IpDecoder.ICMP, ip.source(), ip.destination(),
                        ip.icmpIdentifier(), 0, ip.totalLength(), ECHO_REQUEST, 0, 0, 0, echoDigest(ip, buffer), fragmentId);
                case ECHO_REPLY -> new NatPacket(micros, IpDecoder.ICMP, ip.source(), ip.destination(),
                        0, ip.icmpIdentifier(), ip.totalLength(), ECHO_REPLY, 0, 0, 0, echoDigest(ip, buffer), fragmentId);
                default -> null;
            };
            default -> null;
        };
    }

    private static long echoDigest(IpView ip, byte[] buffer) {
        return (long) ip.icmpSequence() << 32 ^ payloadDigest(ip, buffer);
    }

    private static long payloadDigest(IpView ip, byte[] buffer) {
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
