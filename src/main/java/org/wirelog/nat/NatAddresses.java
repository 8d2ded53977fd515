package org.wirelog.nat;

/**
 * The firewall's two sides: the inside network (the in-device's address and mask) and the address
 * source-natted packets leave with (the out-device's address).
 */
public record NatAddresses(int insideAddress, int insideMask, int outsideAddress, int outsideMask) {

    boolean isInside(int ip) {
        return (ip & insideMask) == (insideAddress & insideMask);
    }

    /** An inside host's packet towards the outside world, which the firewall translates. */
    boolean leavesInside(NatPacket p) {
        return isInside(p.source()) && p.source() != insideAddress && !isInside(p.destination()) && isUnicast(p.destination());
    }

    /** A packet delivered to an inside host from outside: a reply to a translated flow. */
    boolean entersInside(NatPacket p) {
        return isInside(p.destination()) && p.destination() != insideAddress && !isInside(p.source());
    }

    /** A translated packet on the outside: it carries the via address and port. */
    boolean leavesOutside(NatPacket p) {
        return p.source() == outsideAddress;
    }

    private static boolean isUnicast(int ip) {
        int first = ip >>> 24;
        return first < 224 && ip != 0;
    }

    /** Parses a mask written as {@code 255.255.255.0} or {@code /24}. */
    public static int mask(String text) {
        if (text.startsWith("/")) {
            int bits = Integer.parseInt(text.substring(1));
            if (bits < 0 || bits > 32) throw new IllegalArgumentException("mask must be /0 to /32, not " + text);
            return bits == 0 ? 0 : -1 << (32 - bits);
        }
        return org.wirelog.packet.Ipv4Header.number(java.net.InetAddress.ofLiteral(text));
    }
}
