package org.wirelog.packet;

import java.util.Arrays;

/**
 * One IP packet read in place: {@link #wrap} checks the headers of the packet at an offset in a
 * buffer and notes where they lie, and the accessors read the fields straight from the buffer. It
 * allocates nothing, so that one view can read the millions of packets of a capture (the NAT
 * tracker's tcpdump mode) without a garbage record per header; {@link IpDecoder} builds its records
 * from it. Malformed input makes {@code wrap} say no, never throw, because captures hold whatever
 * the wire carried.
 *
 * <p>Reusable, one packet at a time; not thread-safe. Accessors of a header the packet does not
 * have (IPv4 fields of an IPv6 packet, ports without a transport header) read meaningless values.
 */
public final class IpView {

    private static final int HOP_BY_HOP = 0, ROUTING = 43, FRAGMENT = 44, DESTINATION_OPTIONS = 60, NO_NEXT_HEADER = 59;
    /** Extension headers we step over; anything else ends the chain. */
    private static final int MAX_EXTENSION_HEADERS = 8;

    private byte[] b;
    private int at;
    private int version;
    private int protocol;
    private int headerLength;
    private int totalLength;
    private boolean fragmented;
    private int fragmentOffset;
    /** Where the transport header starts, or -1 when there is none to read. */
    private int transportAt;
    private int transportHeaderLength;
    private int payloadOffset;
    private int payloadCaptured;

    /**
     * Reads the IP packet of which {@code length} bytes from {@code offset} were captured.
     *
     * @return false when these bytes are not a well-formed IPv4 or IPv6 header (the view is then undefined)
     */
    public boolean wrap(byte[] buffer, int offset, int length) {
        if (length < 1) return false;
        b = buffer;
        at = offset;
        version = (buffer[offset] & 0xff) >>> 4;
        boolean ok = switch (version) {
            case 4 -> wrap4(length);
            case 6 -> wrap6(length);
            default -> false;
        };
        if (ok) findTransport(Math.min(length, totalLength));
        return ok;
    }

    private boolean wrap4(int length) {
        if (length < Ipv4Header.MIN_LENGTH) return false;
        headerLength = (b[at] & 0x0f) * 4;
        totalLength = u16(at + 2);
        if (headerLength < Ipv4Header.MIN_LENGTH || totalLength < headerLength || length < headerLength) return false;
        protocol = b[at + 9] & 0xff;
        fragmentOffset = (u16(at + 6) & 0x1fff) * 8;
        fragmented = moreFragments() || fragmentOffset != 0;
        return true;
    }

    private boolean wrap6(int length) {
        if (length < Ipv6Header.FIXED_LENGTH) return false;
        int payloadLength = u16(at + 4);
        int next = b[at + 6] & 0xff;
        headerLength = Ipv6Header.FIXED_LENGTH;
        fragmented = false;
        fragmentOffset = 0;
        for (int i = 0; i < MAX_EXTENSION_HEADERS && isExtension(next); i++) {
            if (headerLength + 8 > length) return false;
            int here = at + headerLength;
            if (next == FRAGMENT) {
                fragmented = true;
                fragmentOffset = u16(here + 2) & 0xfff8;
                headerLength += 8;
            } else {
                headerLength += ((b[here + 1] & 0xff) + 1) * 8;
            }
            next = b[here] & 0xff;
        }
        if (headerLength > Ipv6Header.FIXED_LENGTH + payloadLength) return false;
        protocol = next;
        totalLength = Ipv6Header.FIXED_LENGTH + payloadLength;
        return true;
    }

    private static boolean isExtension(int next) {
        return next == HOP_BY_HOP || next == ROUTING || next == FRAGMENT || next == DESTINATION_OPTIONS;
    }

    /**
     * Finds the upper-layer header when the packet's first bytes carry one and the capture kept it.
     * Bytes beyond the total length are link-layer padding (short Ethernet frames), not payload.
     */
    private void findTransport(int usable) {
        int start = at + headerLength;
        int available = usable - headerLength;
        transportHeaderLength = isLaterFragment() || protocol == NO_NEXT_HEADER ? 0 : switch (protocol) {
            case IpDecoder.TCP -> {
                if (available < TcpHeader.MIN_LENGTH) yield 0;
                int length = ((b[start + 12] & 0xff) >>> 4) * 4;
                yield length < TcpHeader.MIN_LENGTH ? 0 : length;
            }
            case IpDecoder.UDP -> available < UdpHeader.LENGTH ? 0 : UdpHeader.LENGTH;
            case IpDecoder.ICMP, IpDecoder.ICMPV6 -> available < IcmpHeader.LENGTH ? 0 : IcmpHeader.LENGTH;
            default -> 0;
        };
        transportAt = transportHeaderLength == 0 ? -1 : start;
        payloadOffset = start + transportHeaderLength;
        payloadCaptured = Math.max(0, at + usable - payloadOffset);
    }

    /** 4 or 6. */
    public int version() {
        return version;
    }

    /** The upper-layer protocol number, after any IPv6 extension headers. */
    public int protocol() {
        return protocol;
    }

    /** The IP header with its options or extension headers. */
    public int headerLength() {
        return headerLength;
    }

    /** The whole IP packet as the header says (not as captured). */
    public int totalLength() {
        return totalLength;
    }

    public boolean isFragment() {
        return fragmented;
    }

    /** A fragment other than the first, which carries no upper-layer header. */
    public boolean isLaterFragment() {
        return fragmentOffset != 0;
    }

    /** In bytes (the header field times 8). */
    public int fragmentOffset() {
        return fragmentOffset;
    }

    // IPv4 only

    public int source() {
        return s32(at + 12);
    }

    public int destination() {
        return s32(at + 16);
    }

    public int identification() {
        return u16(at + 4);
    }

    public boolean dontFragment() {
        return (u16(at + 6) & 0x4000) != 0;
    }

    public boolean moreFragments() {
        return (u16(at + 6) & 0x2000) != 0;
    }

    public int timeToLive() {
        return b[at + 8] & 0xff;
    }

    public int typeOfService() {
        return b[at + 1] & 0xff;
    }

    // IPv6 only

    public byte[] source6() {
        return Arrays.copyOfRange(b, at + 8, at + 24);
    }

    public byte[] destination6() {
        return Arrays.copyOfRange(b, at + 24, at + 40);
    }

    public int hopLimit() {
        return b[at + 7] & 0xff;
    }

    // the transport header: tcp, udp, icmp or icmpv6 as protocol() says

    /** Whether the packet has a transport header the capture kept: false for a later fragment, another protocol, a short capture. */
    public boolean hasTransport() {
        return transportAt >= 0;
    }

    public int transportHeaderLength() {
        return transportHeaderLength;
    }

    /** tcp and udp. */
    public int sourcePort() {
        return u16(transportAt);
    }

    /** tcp and udp. */
    public int destinationPort() {
        return u16(transportAt + 2);
    }

    /** tcp's sequence number, unsigned. */
    public long sequence() {
        return s32(transportAt + 4) & 0xffffffffL;
    }

    /** tcp's acknowledgement number, unsigned. */
    public long acknowledgement() {
        return s32(transportAt + 8) & 0xffffffffL;
    }

    /** tcp's flags, {@link TcpHeader#FIN} to {@link TcpHeader#URG}. */
    public int tcpFlags() {
        return b[transportAt + 13] & 0x3f;
    }

    public int window() {
        return u16(transportAt + 14);
    }

    /** udp's length, its 8 header bytes included. */
    public int udpLength() {
        return u16(transportAt + 4);
    }

    public int icmpType() {
        return b[transportAt] & 0xff;
    }

    public int icmpCode() {
        return b[transportAt + 1] & 0xff;
    }

    /** icmp echo's identifier. */
    public int icmpIdentifier() {
        return u16(transportAt + 4);
    }

    /** icmp echo's sequence number. */
    public int icmpSequence() {
        return u16(transportAt + 6);
    }

    // the payload after the transport header (after the IP header when there is none)

    /** Where the upper-layer payload starts in the buffer. */
    public int payloadOffset() {
        return payloadOffset;
    }

    /** How many payload bytes the capture holds (may be fewer than were sent). */
    public int payloadCaptured() {
        return payloadCaptured;
    }

    /** The upper-layer payload length as the headers state it, whatever the capture kept. */
    public int payloadLength() {
        return Math.max(0, totalLength - headerLength - transportHeaderLength);
    }

    private int u16(int i) {
        return (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
    }

    private int s32(int i) {
        return (b[i] & 0xff) << 24 | (b[i + 1] & 0xff) << 16 | (b[i + 2] & 0xff) << 8 | (b[i + 3] & 0xff);
    }
}
