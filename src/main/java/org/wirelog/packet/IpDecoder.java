package org.wirelog.packet;

import java.util.Arrays;

/**
 * Decodes the IP packet at the start of a buffer: IPv4 or IPv6 with its extension headers, then the
 * TCP, UDP or ICMP header when the packet holds one. Pure: no I/O, no state. Malformed input gives
 * null, never an exception, because captures hold whatever the wire carried.
 */
public final class IpDecoder {

    public static final int TCP = 6, UDP = 17, ICMP = 1, ICMPV6 = 58;
    private static final int HOP_BY_HOP = 0, ROUTING = 43, FRAGMENT = 44, DESTINATION_OPTIONS = 60, NO_NEXT_HEADER = 59;
    /** Extension headers we step over; anything else ends the chain. */
    private static final int MAX_EXTENSION_HEADERS = 8;

    private IpDecoder() {
    }

    /**
     * @param buffer the bytes, of which {@code length} from {@code offset} were captured
     * @return the packet, or null when these bytes are not a well-formed IP header
     */
    public static IpPacket decode(byte[] buffer, int offset, int length) {
        if (length < 1) return null;
        return switch ((buffer[offset] & 0xff) >>> 4) {
            case 4 -> decode4(buffer, offset, length);
            case 6 -> decode6(buffer, offset, length);
            default -> null;
        };
    }

    private static IpPacket decode4(byte[] b, int at, int length) {
        if (length < Ipv4Header.MIN_LENGTH) return null;
        int headerLength = (b[at] & 0x0f) * 4;
        int totalLength = u16(b, at + 2);
        if (headerLength < Ipv4Header.MIN_LENGTH || totalLength < headerLength || length < headerLength) return null;
        int flagsAndOffset = u16(b, at + 6);
        var ip = new Ipv4Header(s32(b, at + 12), s32(b, at + 16), b[at + 9] & 0xff, totalLength, headerLength,
                u16(b, at + 4), (flagsAndOffset & 0x4000) != 0, (flagsAndOffset & 0x2000) != 0,
                (flagsAndOffset & 0x1fff) * 8, b[at + 8] & 0xff, b[at + 1] & 0xff);
        // Bytes beyond the total length are link-layer padding (short Ethernet frames), not payload.
        return withTransport(ip, b, at, Math.min(length, totalLength));
    }

    private static IpPacket decode6(byte[] b, int at, int length) {
        if (length < Ipv6Header.FIXED_LENGTH) return null;
        int payloadLength = u16(b, at + 4);
        int next = b[at + 6] & 0xff;
        int headerLength = Ipv6Header.FIXED_LENGTH;
        boolean fragmented = false;
        int fragmentOffset = 0;
        for (int i = 0; i < MAX_EXTENSION_HEADERS && isExtension(next); i++) {
            if (headerLength + 8 > length) return null;
            int here = at + headerLength;
            if (next == FRAGMENT) {
                fragmented = true;
                fragmentOffset = u16(b, here + 2) & 0xfff8;
                next = b[here] & 0xff;
                headerLength += 8;
            } else {
                next = b[here] & 0xff;
                headerLength += ((b[here + 1] & 0xff) + 1) * 8;
            }
        }
        if (headerLength > Ipv6Header.FIXED_LENGTH + payloadLength) return null;
        var ip = new Ipv6Header(Arrays.copyOfRange(b, at + 8, at + 24), Arrays.copyOfRange(b, at + 24, at + 40), next,
                payloadLength, headerLength, b[at + 7] & 0xff, fragmented, fragmentOffset);
        return withTransport(ip, b, at, Math.min(length, ip.totalLength()));
    }

    private static boolean isExtension(int next) {
        return next == HOP_BY_HOP || next == ROUTING || next == FRAGMENT || next == DESTINATION_OPTIONS;
    }

    /** Adds the upper-layer header when the packet's first bytes carry one and the capture kept it. */
    private static IpPacket withTransport(IpHeader ip, byte[] b, int at, int usable) {
        int start = at + ip.headerLength();
        int available = usable - ip.headerLength();
        TransportHeader transport = ip.isLaterFragment() || ip.protocol() == NO_NEXT_HEADER ? null
                : transport(ip, b, start, available);
        int payloadOffset = transport == null ? start : start + transport.headerLength();
        return new IpPacket(ip, transport, payloadOffset, Math.max(0, at + usable - payloadOffset));
    }

    private static TransportHeader transport(IpHeader ip, byte[] b, int at, int available) {
        switch (ip.protocol()) {
            case TCP -> {
                if (available < TcpHeader.MIN_LENGTH) return null;
                int headerLength = ((b[at + 12] & 0xff) >>> 4) * 4;
                if (headerLength < TcpHeader.MIN_LENGTH) return null;
                return new TcpHeader(u16(b, at), u16(b, at + 2), u32(b, at + 4), u32(b, at + 8), b[at + 13] & 0x3f,
                        u16(b, at + 14), headerLength);
            }
            case UDP -> {
                if (available < UdpHeader.LENGTH) return null;
                return new UdpHeader(u16(b, at), u16(b, at + 2), u16(b, at + 4));
            }
            case ICMP, ICMPV6 -> {
                if (available < IcmpHeader.LENGTH) return null;
                return new IcmpHeader(ip.protocol() == ICMPV6, b[at] & 0xff, b[at + 1] & 0xff, u16(b, at + 4), u16(b, at + 6));
            }
            default -> {
                return null;
            }
        }
    }

    static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    static int s32(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    static long u32(byte[] b, int at) {
        return s32(b, at) & 0xffffffffL;
    }
}
