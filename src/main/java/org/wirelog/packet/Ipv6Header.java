package org.wirelog.packet;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv6 header (RFC 8200) with its extension headers walked through.
 *
 * @param protocol       the upper-layer protocol after the extension headers
 * @param headerLength   40 plus the extension headers
 * @param fragmentOffset in bytes, from a fragment header (0 without one)
 * @param fragmented     a fragment header was present
 */
public record Ipv6Header(byte[] source, byte[] destination, int protocol, int payloadLength, int headerLength,
                         int hopLimit, boolean fragmented, int fragmentOffset) implements IpHeader {

    public static final int FIXED_LENGTH = 40;

    @Override
    public InetAddress sourceAddress() {
        return address(source);
    }

    @Override
    public InetAddress destinationAddress() {
        return address(destination);
    }

    @Override
    public int totalLength() {
        return FIXED_LENGTH + payloadLength;
    }

    @Override
    public boolean isFragment() {
        return fragmented;
    }

    @Override
    public boolean isLaterFragment() {
        return fragmentOffset != 0;
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            throw new AssertionError(impossible);
        }
    }
}
