package org.wirelog.socks;

import java.net.Inet4Address;
import java.nio.ByteBuffer;
import org.wirelog.model.Command;
import org.wirelog.model.Endpoint;

/**
 * SOCKS4 and SOCKS4a: {@code VN CD DSTPORT DSTIP USERID NUL [HOSTNAME NUL]}. A DSTIP of 0.0.0.x (x != 0)
 * means a hostname follows; real Dante takes 0.0.0.x literally, wirelog resolves the name.
 */
final class Socks4 {

    static final int VERSION = 4;
    static final int MAX_FIELD = 255;

    private Socks4() {
    }

    /** The request after the VN byte. */
    static SocksRequest readRequest(NegotiationReader in) throws NegotiationFailure {
        int code = in.u8();
        Command command = switch (code) {
            case 1 -> Command.CONNECT;
            case 2 -> Command.BIND;
            default -> throw new NegotiationFailure("unknown socks_v4 command: " + code, Reply.COMMAND_NOT_SUPPORTED);
        };
        int port = in.u16();
        byte[] ip = in.bytes(4);
        String userid = in.cString(MAX_FIELD, "USERID");
        boolean socks4a = ip[0] == 0 && ip[1] == 0 && ip[2] == 0 && ip[3] != 0;
        Endpoint target = socks4a
                ? Endpoint.unresolved(hostname(in), port)
                : Socks5.address(ip, port);
        return new SocksRequest(VERSION, command, target, userid);
    }

    private static String hostname(NegotiationReader in) throws NegotiationFailure {
        String name = in.cString(MAX_FIELD, "SOCKS4a hostname");
        if (name.isEmpty()) throw new NegotiationFailure("empty SOCKS4a hostname in client request", Reply.HOST_UNREACHABLE);
        return name;
    }

    /** VN=0 CD DSTPORT DSTIP; the address is the bound one where it is IPv4, else zeros. */
    static ByteBuffer reply(Reply reply, Endpoint bound) {
        ByteBuffer out = ByteBuffer.allocate(8);
        out.put((byte) 0).put((byte) reply.socks4Code()).putShort((short) bound.port());
        if (bound.isResolved() && bound.address() instanceof Inet4Address v4) {
            out.put(v4.getAddress());
        } else {
            out.putInt(0);
        }
        return out.flip();
    }
}
