package org.wirelog.testing;

import java.nio.ByteBuffer;

/**
 * Builds IP packets byte by byte for decoder and capture tests (checksums left 0: nothing here checks
 * them). Addresses are 32-bit numbers ({@link #ip}).
 */
public final class Packets {

    public static final int TCP = 6, UDP = 17, ICMP = 1;

    private Packets() {
    }

    public static int ip(int a, int b, int c, int d) {
        return a << 24 | b << 16 | c << 8 | d;
    }

    /** An IPv4 header of {@code optionWords} 4-byte option words, then {@code body}, total length as stated. */
    public static byte[] ipv4(int protocol, int source, int destination, int identification, boolean moreFragments,
                              int fragmentOffsetBytes, int optionWords, byte[] body) {
        int headerLength = 20 + 4 * optionWords;
        ByteBuffer b = ByteBuffer.allocate(headerLength + body.length);
        b.put((byte) (0x40 | headerLength / 4)).put((byte) 0).putShort((short) (headerLength + body.length))
                .putShort((short) identification).putShort((short) ((moreFragments ? 0x2000 : 0) | fragmentOffsetBytes / 8))
                .put((byte) 64).put((byte) protocol).putShort((short) 0).putInt(source).putInt(destination);
        for (int i = 0; i < optionWords; i++) b.putInt(0x01010101); // NOPs
        return b.put(body).array();
    }

    public static byte[] ipv4(int protocol, int source, int destination, byte[] body) {
        return ipv4(protocol, source, destination, 0, false, 0, 0, body);
    }

    public static byte[] tcp(int sourcePort, int destinationPort, long sequence, long acknowledgement, int flags, int payload) {
        return ByteBuffer.allocate(20 + payload).putShort((short) sourcePort).putShort((short) destinationPort)
                .putInt((int) sequence).putInt((int) acknowledgement).put((byte) (5 << 4)).put((byte) flags)
                .putShort((short) 65535).putInt(0).array();
    }

    public static byte[] udp(int sourcePort, int destinationPort, byte[] payload) {
        return ByteBuffer.allocate(8 + payload.length).putShort((short) sourcePort).putShort((short) destinationPort)
                .putShort((short) (8 + payload.length)).putShort((short) 0).put(payload).array();
    }

    /** An ICMP echo request (type 8) or reply (0), or ICMPv6's (128, 129). */
    public static byte[] echo(int type, int identifier, int sequence, int dataBytes) {
        return ByteBuffer.allocate(8 + dataBytes).put((byte) type).put((byte) 0).putShort((short) 0)
                .putShort((short) identifier).putShort((short) sequence).array();
    }

    /** An IPv6 packet whose extension headers (each 8 bytes, already chained) precede the upper layer. */
    public static byte[] ipv6(int firstNextHeader, byte[] extensionHeaders, byte[] upper) {
        int payload = extensionHeaders.length + upper.length;
        ByteBuffer b = ByteBuffer.allocate(40 + payload);
        b.putInt(0x60000000).putShort((short) payload).put((byte) firstNextHeader).put((byte) 64);
        b.put(new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
        b.put(new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2});
        return b.put(extensionHeaders).put(upper).array();
    }

    /** An Ethernet II frame around an IP packet (ethertype from its version), padded to 60 bytes as on the wire. */
    public static byte[] ethernet(byte[] ipPacket) {
        int type = (ipPacket[0] & 0xf0) == 0x60 ? 0x86DD : 0x0800;
        ByteBuffer b = ByteBuffer.allocate(Math.max(60, 14 + ipPacket.length));
        b.put(new byte[12]).putShort((short) type).put(ipPacket);
        return b.array();
    }
}
