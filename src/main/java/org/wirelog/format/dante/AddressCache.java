package org.wirelog.format.dante;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * IPv4 addresses read from text, parsed by hand and kept in a small fixed table: a log repeats the same few
 * addresses (the proxy's, the busy clients') on millions of lines, and making an {@link InetAddress} for each
 * one was the largest single cost of reading. The table is direct-mapped and never grows (an address whose
 * slot is taken replaces the one there), so memory does not depend on how many addresses a log holds.
 * One cache per reading thread: it is not safe to share.
 */
final class AddressCache {

    private static final int SLOTS = 1 << 14;

    private final int[] keys = new int[SLOTS];
    private final InetAddress[] addresses = new InetAddress[SLOTS];

    /**
     * The strict dotted-quad {@code a.b.c.d} (each 0-255, no leading zero) in {@code text[from, to)}, or null when
     * the text is any other form, which the caller gives to {@link InetAddress#ofLiteral} to read or refuse.
     */
    InetAddress ipv4(byte[] text, int from, int to) {
        int value = 0, octets = 0, i = from;
        while (i < to) {
            int start = i, octet = 0;
            while (i < to && i - start < 3) {
                byte c = text[i];
                if (c < '0' || c > '9') break;
                octet = octet * 10 + (c - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || octet > 255 || (digits > 1 && text[start] == '0')) return null;
            value = value << 8 | octet;
            octets++;
            if (i == to) break;
            if (text[i] != '.' || octets == 4) return null;
            i++;
            if (i == to) return null;
        }
        return octets == 4 ? ipv4(value) : null;
    }

    /** The address whose four bytes are {@code value}, most significant first. */
    InetAddress ipv4(int value) {
        int slot = (value * 0x9E3779B1) >>> 20;
        InetAddress cached = addresses[slot];
        if (cached != null && keys[slot] == value) return cached;
        InetAddress made;
        try {
            made = InetAddress.getByAddress(new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
        } catch (UnknownHostException e) {
            throw new AssertionError("four bytes are always an address", e);
        }
        keys[slot] = value;
        addresses[slot] = made;
        return made;
    }
}
