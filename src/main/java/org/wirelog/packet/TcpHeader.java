package org.wirelog.packet;

/** A TCP header (RFC 793); sequence numbers are unsigned 32-bit values held in a long. */
public record TcpHeader(int sourcePort, int destinationPort, long sequence, long acknowledgement, int flags,
                        int window, int headerLength) implements TransportHeader {

    public static final int MIN_LENGTH = 20;
    public static final int FIN = 0x01, SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10, URG = 0x20;

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }
}
