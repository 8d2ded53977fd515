package org.wirelog.socks.route;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import org.wirelog.model.Endpoint;
import org.wirelog.socks.Reply;

/**
 * SOCKS4 as a client; an unresolved target goes as SOCKS4a (DSTIP 0.0.0.1 and the name). SOCKS4 has no IPv6, and
 * its reply's address is the proxy's external socket only where the proxy fills it in (0.0.0.0 means it did not).
 */
final class Socks4Handshake implements Handshake {

    private static final int VERSION = 4, CONNECT = 1, GRANTED = 90;

    @Override
    public Endpoint connect(SocketChannel proxy, Endpoint target) throws IOException {
        if (target.isResolved() && !(target.address() instanceof Inet4Address)) {
            throw new UpstreamFailure("next proxy speaks SOCKS v4, which has no IPv6 addresses",
                    Reply.ADDRESS_TYPE_NOT_SUPPORTED);
        }
        ByteBuffer request = ByteBuffer.allocate(8 + 1 + 256).put((byte) VERSION).put((byte) CONNECT)
                .putShort((short) target.port());
        if (target.isResolved()) {
            request.put(target.address().getAddress()).put((byte) 0);
        } else {
            request.put(new byte[] {0, 0, 0, 1}).put((byte) 0)
                    .put(target.hostname().getBytes(StandardCharsets.ISO_8859_1)).put((byte) 0);
        }
        Handshake.send(proxy, request.flip());
        ByteBuffer reply = Handshake.read(proxy, 8, "reply");
        int code = reply.get(1) & 0xff;
        if (code != GRANTED) throw new UpstreamFailure("next proxy replied " + code + " (request rejected or failed)",
                Reply.GENERAL_FAILURE);
        int port = reply.getShort(2) & 0xffff;
        byte[] raw = new byte[4];
        reply.get(4, raw);
        InetAddress address = InetAddress.getByAddress(raw);
        return address.isAnyLocalAddress() ? null : Endpoint.of(address, port);
    }
}
