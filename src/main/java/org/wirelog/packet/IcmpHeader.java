package org.wirelog.packet;

/**
 * An ICMP (RFC 792) or ICMPv6 (RFC 4443) header. {@code identifier} and {@code sequence} mean something
 * for echo requests and replies only.
 */
public record IcmpHeader(boolean v6, int type, int code, int identifier, int sequence) implements TransportHeader {

    public static final int LENGTH = 8;

    @Override
    public int headerLength() {
        return LENGTH;
    }

    public boolean isEchoRequest() {
        return type == (v6 ? 128 : 8);
    }

    public boolean isEchoReply() {
        return type == (v6 ? 129 : 0);
    }

    /** Destination unreachable, time exceeded and the like: a report about some other packet. */
    public boolean isError() {
        return v6 ? type < 128 : type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
    }
}
