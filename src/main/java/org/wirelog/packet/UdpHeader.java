package org.wirelog.packet;

/** A UDP header (RFC 768): {@code length} counts the 8 header bytes too. */
public record UdpHeader(int sourcePort, int destinationPort, int length) implements TransportHeader {

    public static final int LENGTH = 8;

    @Override
    public int headerLength() {
        return LENGTH;
    }
}
