package org.wirelog.packet;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 header (RFC 791). Addresses are kept as 32-bit numbers: the form the NAT tracker keys on
 * and natlog's table prints.
 *
 * @param fragmentOffset in bytes (the header field times 8)
 */
public record Ipv4Header(int source, int destination, int protocol, int totalLength, int headerLength,
                         int identification, boolean dontFragment, boolean moreFragments, int fragmentOffset,
                         int timeToLive, int typeOfService) implements IpHeader {

    public static final int MIN_LENGTH = 20;

    @Override
    public InetAddress sourceAddress() {
        return address(source);
    }

    @Override
    public InetAddress destinationAddress() {
        return address(destination);
    }

    @Override
    public boolean isFragment() {
        return moreFragments || fragmentOffset != 0;
    }

    @Override
    public boolean isLaterFragment() {
        return fragmentOffset != 0;
    }

    public static Inet4Address address(int ip) {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {(byte) (ip >>> 24), (byte) (ip >>> 16), (byte) (ip >>> 8), (byte) ip});
        } catch (UnknownHostException impossible) {
            throw new AssertionError(impossible);
        }
    }

    public static int number(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length != 4) throw new IllegalArgumentException("not an IPv4 address: " + address);
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }
}
