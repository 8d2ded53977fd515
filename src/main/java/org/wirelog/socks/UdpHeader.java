package org.wirelog.socks;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.wirelog.model.Endpoint;

/**
 * The header in front of every datagram between a SOCKS5 client and its UDP relay (RFC 1928 section 7):
 * {@code RSV(2) FRAG(1) ATYP(1) DST.ADDR DST.PORT(2)}, then the payload.
 */
final class UdpHeader {

    private UdpHeader() {
    }

    /** What the header of a client's datagram says. */
    sealed interface Parsed {
    }

    /** A datagram for {@code target}; the buffer is left at its payload. */
    record Destination(Endpoint target) implements Parsed {
    }

    /** A datagram that cannot be relayed, and why (in words for the log). */
    record Malformed(String reason) implements Parsed {
    }

    static Parsed parse(ByteBuffer datagram) {
        int length = datagram.remaining();
        if (length < 4) return new Malformed("short SOCKS UDP header: " + length + " byte" + (length == 1 ? "" : "s"));
        datagram.getShort(); // RSV
        int fragment = datagram.get() & 0xff;
        int atyp = datagram.get() & 0xff;
        // A relay that does not reassemble must drop every fragment (RFC 1928 section 7).
        if (fragment != 0) return new Malformed("fragmented SOCKS UDP datagram (FRAG " + fragment + ") dropped: fragments are not supported");
        int addressLength = switch (atyp) {
            case Socks5.ATYP_IPV4 -> 4;
            case Socks5.ATYP_IPV6 -> 16;
            case Socks5.ATYP_DOMAIN -> datagram.hasRemaining() ? 1 + (datagram.get(datagram.position()) & 0xff) : 1;
            default -> -1;
        };
        if (addressLength < 0) return new Malformed("unknown address type " + atyp + " in SOCKS UDP header");
        if (datagram.remaining() < addressLength + 2) {
            return new Malformed("truncated SOCKS UDP header: " + length + " bytes, but its address needs " + (4 + addressLength + 2));
        }
        if (atyp == Socks5.ATYP_DOMAIN) {
            byte[] name = new byte[datagram.get() & 0xff];
            datagram.get(name);
            int port = datagram.getShort() & 0xffff;
            if (name.length == 0) return new Malformed("empty hostname in SOCKS UDP header");
            return new Destination(Endpoint.unresolved(new String(name, StandardCharsets.ISO_8859_1), port));
        }
        byte[] raw = new byte[addressLength];
        datagram.get(raw);
        return new Destination(Socks5.address(raw, datagram.getShort() & 0xffff));
    }

    /**
     * Whether the datagram starts with the first {@code length} bytes of {@code header} (a header parsed before);
     * if so, it is left at its payload.
     */
    static boolean skipIfSame(ByteBuffer datagram, byte[] header, int length) {
        if (datagram.remaining() < length) return false;
        int at = datagram.position();
        for (int i = 0; i < length; i++) {
            if (datagram.get(at + i) != header[i]) return false;
        }
        datagram.position(at + length);
        return true;
    }

    /** The header of a reply from {@code source}, to put in front of its payload. */
    static byte[] of(InetSocketAddress source) {
        byte[] raw = source.getAddress().getAddress();
        ByteBuffer header = ByteBuffer.allocate(4 + raw.length + 2);
        header.putShort((short) 0).put((byte) 0)
                .put((byte) (source.getAddress() instanceof Inet4Address ? Socks5.ATYP_IPV4 : Socks5.ATYP_IPV6))
                .put(raw).putShort((short) source.getPort());
        return header.array();
    }
}
