package org.wirelog.socks.route;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import org.wirelog.model.Endpoint;
import org.wirelog.socks.Reply;

/** RFC 1928 as a client, method "no authentication": the target goes by address, or by name when unresolved. */
final class Socks5Handshake implements Handshake {

    private static final int VERSION = 5, NO_AUTH = 0, CONNECT = 1;
    private static final int ATYP_IPV4 = 1, ATYP_DOMAIN = 3, ATYP_IPV6 = 4;

    @Override
    public Endpoint connect(SocketChannel proxy, Endpoint target) throws IOException {
        Handshake.send(proxy, ByteBuffer.wrap(new byte[] {VERSION, 1, NO_AUTH}));
        ByteBuffer choice = Handshake.read(proxy, 2, "method choice");
        if (choice.get(0) != VERSION) throw new UpstreamFailure("next proxy does not speak SOCKS v5", Reply.GENERAL_FAILURE);
        if (choice.get(1) != NO_AUTH) {
            throw new UpstreamFailure("next proxy accepts none of our methods (it wants method "
                    + (choice.get(1) & 0xff) + ")", Reply.GENERAL_FAILURE);
        }
        Handshake.send(proxy, request(target));
        ByteBuffer head = Handshake.read(proxy, 4, "reply");
        int rep = head.get(1) & 0xff;
        Endpoint bound = bound(proxy, head.get(3) & 0xff);
        if (rep != 0) {
            throw new UpstreamFailure("next proxy replied " + rep + " (" + describe(rep) + ")", replyFor(rep));
        }
        return bound;
    }

    private static ByteBuffer request(Endpoint target) {
        ByteBuffer out = ByteBuffer.allocate(4 + 1 + 255 + 2).put((byte) VERSION).put((byte) CONNECT).put((byte) 0);
        if (target.isResolved()) {
            byte[] raw = target.address().getAddress();
            out.put((byte) (target.address() instanceof Inet4Address ? ATYP_IPV4 : ATYP_IPV6)).put(raw);
        } else {
            byte[] name = target.hostname().getBytes(StandardCharsets.ISO_8859_1);
            out.put((byte) ATYP_DOMAIN).put((byte) name.length).put(name);
        }
        return out.putShort((short) target.port()).flip();
    }

    private static Endpoint bound(SocketChannel proxy, int atyp) throws IOException {
        return switch (atyp) {
            case ATYP_IPV4 -> address(Handshake.read(proxy, 4 + 2, "bound address"), 4);
            case ATYP_IPV6 -> address(Handshake.read(proxy, 16 + 2, "bound address"), 16);
            case ATYP_DOMAIN -> {
                int length = Handshake.read(proxy, 1, "bound name").get() & 0xff;
                ByteBuffer rest = Handshake.read(proxy, length + 2, "bound name");
                byte[] name = new byte[length];
                rest.get(name);
                yield Endpoint.unresolved(new String(name, StandardCharsets.ISO_8859_1), rest.getShort() & 0xffff);
            }
            default -> throw new UpstreamFailure("next proxy sent address type " + atyp, Reply.GENERAL_FAILURE);
        };
    }

    private static Endpoint address(ByteBuffer buffer, int length) throws IOException {
        byte[] raw = new byte[length];
        buffer.get(raw);
        return Endpoint.of(InetAddress.getByAddress(raw), buffer.getShort() & 0xffff);
    }

    /** The next proxy's answer is our client's answer: a target that refused, refuses the client too. */
    private static Reply replyFor(int rep) {
        for (Reply reply : Reply.values()) {
            if (reply.socks5Code() == rep) return reply;
        }
        return Reply.GENERAL_FAILURE;
    }

    private static String describe(int rep) {
        return switch (rep) {
            case 1 -> "general SOCKS server failure";
            case 2 -> "connection not allowed by ruleset";
            case 3 -> "network unreachable";
            case 4 -> "host unreachable";
            case 5 -> "connection refused";
            case 6 -> "TTL expired";
            case 7 -> "command not supported";
            case 8 -> "address type not supported";
            default -> "unassigned";
        };
    }
}
