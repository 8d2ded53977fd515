package org.wirelog.socks.route;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import org.wirelog.model.Endpoint;
import org.wirelog.rules.ProxyProtocol;
import org.wirelog.socks.Reply;

/**
 * Asking a next proxy, over a connection already open to it, to connect to the target. Reads exactly the proxy's
 * answer and nothing beyond it, so that the target's first bytes stay in the socket for the relay.
 */
public sealed interface Handshake permits Socks5Handshake, Socks4Handshake, HttpConnectHandshake {

    /**
     * @return the proxy's own external socket towards the target (LASTPROXY-EXT), or null where its protocol does
     *         not tell (HTTP)
     * @throws UpstreamFailure when the proxy refuses, with the reply our client should get
     * @throws IOException     when the connection to the proxy fails
     */
    Endpoint connect(SocketChannel proxy, Endpoint target) throws IOException;

    static Handshake of(ProxyProtocol protocol) {
        return switch (protocol) {
            case SOCKS_V5 -> new Socks5Handshake();
            case SOCKS_V4 -> new Socks4Handshake();
            case HTTP_V1_0 -> new HttpConnectHandshake();
        };
    }

    static void send(SocketChannel channel, ByteBuffer message) throws IOException {
        while (message.hasRemaining()) channel.write(message);
    }

    /** Exactly {@code count} bytes, or an EOF failure naming what was expected. */
    static ByteBuffer read(SocketChannel channel, int count, String what) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(count);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new UpstreamFailure("next proxy closed the connection before its " + what, Reply.GENERAL_FAILURE);
            }
        }
        return buffer.flip();
    }
}
