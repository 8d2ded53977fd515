package org.wirelog.packet;

import java.net.InetAddress;

/** The IP header of a packet: version 4 or 6. */
public sealed interface IpHeader permits Ipv4Header, Ipv6Header {

    InetAddress sourceAddress();

    InetAddress destinationAddress();

    /** The upper-layer protocol number (6 tcp, 17 udp, 1 icmp, 58 icmpv6), after any IPv6 extension headers. */
    int protocol();

    /** The whole IP packet in bytes, headers included, as the header says (not as captured). */
    int totalLength();

    /** The IP header with its options or extension headers: where the upper-layer header starts. */
    int headerLength();

    /** Part of a fragmented datagram. */
    boolean isFragment();

    /** A fragment other than the first, which carries no upper-layer header. */
    boolean isLaterFragment();
}
