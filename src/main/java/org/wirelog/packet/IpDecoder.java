package org.wirelog.packet;

/**
 * Decodes the IP packet at the start of a buffer into records: IPv4 or IPv6 with its extension
 * headers, then the TCP, UDP or ICMP header when the packet holds one. Pure: no I/O, no state.
 * Malformed input gives null, never an exception, because captures hold whatever the wire carried.
 * What reads packets by the million reads them through an {@link IpView} instead, as this does.
 */
public final class IpDecoder {

    public static final int TCP = 6, UDP = 17, ICMP = 1, ICMPV6 = 58;

    private IpDecoder() {
    }

    /**
     * @param buffer the bytes, of which {@code length} from {@code offset} were captured
     * @return the packet, or null when these bytes are not a well-formed IP header
     */
    public static IpPacket decode(byte[] buffer, int offset, int length) {
        IpView view = new IpView();
        return view.wrap(buffer, offset, length) ? packet(view) : null;
    }

    private static IpPacket packet(IpView v) {
        IpHeader ip = v.version() == 4
                ? new Ipv4Header(v.source(), v.destination(), v.protocol(), v.totalLength(), v.headerLength(),
                        v.identification(), v.dontFragment(), v.moreFragments(), v.fragmentOffset(), v.timeToLive(),
                        v.typeOfService())
                : new Ipv6Header(v.source6(), v.destination6(), v.protocol(), v.totalLength() - Ipv6Header.FIXED_LENGTH,
                        v.headerLength(), v.hopLimit(), v.isFragment(), v.fragmentOffset());
        return new IpPacket(ip, v.hasTransport() ? transport(v) : null, v.payloadOffset(), v.payloadCaptured());
    }

    private static TransportHeader transport(IpView v) {
        return switch (v.protocol()) {
            case TCP -> new TcpHeader(v.sourcePort(), v.destinationPort(), v.sequence(), v.acknowledgement(), v.tcpFlags(),
                    v.window(), v.transportHeaderLength());
            case UDP -> new UdpHeader(v.sourcePort(), v.destinationPort(), v.udpLength());
            default -> new IcmpHeader(v.protocol() == ICMPV6, v.icmpType(), v.icmpCode(), v.icmpIdentifier(), v.icmpSequence());
        };
    }
}
