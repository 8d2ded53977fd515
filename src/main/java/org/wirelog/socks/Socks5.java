package org.wirelog.socks;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.wirelog.model.Command;
import org.wirelog.model.Endpoint;

/** RFC 1928 messages: the method offer, the request, and the reply. */
final class Socks5 {

    static final int VERSION = 5;
    static final int NO_ACCEPTABLE_METHOD = 0xff;
    static final int ATYP_IPV4 = 1, ATYP_DOMAIN = 3, ATYP_IPV6 = 4;

    private Socks5() {
    }

    /** NMETHODS and METHODS, after the VER byte. */
    static byte[] readMethods(NegotiationReader in) throws NegotiationFailure {
        int count = in.u8();
        return in.bytes(count);
    }

    static ByteBuffer methodChoice(int method) {
        return ByteBuffer.wrap(new byte[] {VERSION, (byte) method});
    }

    /** VER CMD RSV ATYP DST.ADDR DST.PORT, with Dante's messages for what it does not understand. */
    static SocksRequest readRequest(NegotiationReader in) throws NegotiationFailure {
        int version = in.u8();
        if (version != VERSION) throw new NegotiationFailure("unknown SOCKS version " + version + " in client request");
        int code = in.u8();
        Command command = switch (code) {
            case 1 -> Command.CONNECT;
            case 2 -> Command.BIND;
            case 3 -> Command.UDPASSOCIATE;
            default -> throw new NegotiationFailure("unknown socks_v5 command: " + code, Reply.COMMAND_NOT_SUPPORTED);
        };
        in.u8(); // RSV
        int atyp = in.u8();
        Endpoint target = switch (atyp) {
            case ATYP_IPV4 -> address(in.bytes(4), in.u16());
            case ATYP_IPV6 -> address(in.bytes(16), in.u16());
            case ATYP_DOMAIN -> {
                String host = new String(in.bytes(in.u8()), StandardCharsets.ISO_8859_1);
                int port = in.u16();
                if (host.isEmpty()) throw new NegotiationFailure("empty hostname in client request", Reply.HOST_UNREACHABLE);
                yield Endpoint.unresolved(host, port);
            }
            // Dante's own (misleading) words for an unknown address type: it names the command.
            default -> throw new NegotiationFailure("unknown socks_v5 command: " + code, Reply.ADDRESS_TYPE_NOT_SUPPORTED);
        };
        return new SocksRequest(VERSION, command, target, null);
    }

    static Endpoint address(byte[] raw, int port) {
        try {
            return Endpoint.of(InetAddress.getByAddress(raw), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** VER REP RSV ATYP BND.ADDR BND.PORT; a hostname BND is sent as ATYP 3, as Dante does. */
    static ByteBuffer reply(Reply reply, Endpoint bound) {
        ByteBuffer out = ByteBuffer.allocate(4 + 1 + 255 + 2);
        out.put((byte) VERSION).put((byte) reply.socks5Code()).put((byte) 0);
        if (bound.isResolved()) {
            byte[] raw = bound.address().getAddress();
            out.put((byte) (bound.address() instanceof Inet4Address ? ATYP_IPV4 : ATYP_IPV6)).put(raw);
        } else {
            byte[] name = bound.hostname().getBytes(StandardCharsets.ISO_8859_1);
            out.put((byte) ATYP_DOMAIN).put((byte) name.length).put(name, 0, Math.min(255, name.length));
        }
        out.putShort((short) bound.port());
        return out.flip();
    }
}
