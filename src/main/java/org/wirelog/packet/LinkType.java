package org.wirelog.packet;

/**
 * The link-layer header types (libpcap's DLT values) that carry IP, and where in a frame the IP
 * header starts. Any other link type is refused by name, never guessed at.
 */
public enum LinkType {
    /** BSD loopback: a 4-byte address family in the capturing host's byte order. */
    NULL(0, 4),
    EN10MB(1, 14),
    /** Raw IP: DLT_RAW is 12 on Linux and 14 on OpenBSD; LINKTYPE_RAW in files is 101. */
    RAW(12, 0),
    LINUX_SLL(113, 16),
    LINUX_SLL2(276, 20),
    IPV4(228, 0),
    IPV6(229, 0);

    private static final int ETHERTYPE_IPV4 = 0x0800, ETHERTYPE_IPV6 = 0x86DD;
    private static final int ETHERTYPE_VLAN = 0x8100, ETHERTYPE_QINQ = 0x88A8;

    private final int dlt;
    private final int headerLength;

    LinkType(int dlt, int headerLength) {
        this.dlt = dlt;
        this.headerLength = headerLength;
    }

    public int dlt() {
        return dlt;
    }

    /** The link type with libpcap's number {@code dlt}, or null when it carries no IP we can find. */
    public static LinkType ofDlt(int dlt) {
        return switch (dlt) {
            case 0 -> NULL;
            case 1 -> EN10MB;
            case 12, 14, 101 -> RAW;
            case 113 -> LINUX_SLL;
            case 276 -> LINUX_SLL2;
            case 228 -> IPV4;
            case 229 -> IPV6;
            default -> null;
        };
    }

    /** Where the IP header starts in this frame, or -1 when the frame does not carry IPv4 or IPv6. */
    public int ipOffset(byte[] frame, int length) {
        if (length < headerLength) return -1;
        return switch (this) {
            case RAW, IPV4, IPV6 -> 0;
            case NULL -> {
                int family = (frame[0] & 0xff) | (frame[3] & 0xff); // one of the two ends holds the small number
                yield family == 2 || family == 24 || family == 28 || family == 30 ? headerLength : -1;
            }
            case EN10MB -> {
                int offset = 12;
                int type = u16(frame, offset);
                while ((type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ) && offset + 6 <= length) {
                    offset += 4;
                    type = u16(frame, offset);
                }
                yield isIp(type) ? offset + 2 : -1;
            }
            case LINUX_SLL -> isIp(u16(frame, 14)) ? headerLength : -1;
            case LINUX_SLL2 -> isIp(u16(frame, 0)) ? headerLength : -1;
        };
    }

    private static boolean isIp(int etherType) {
        return etherType == ETHERTYPE_IPV4 || etherType == ETHERTYPE_IPV6;
    }

    static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }
}
