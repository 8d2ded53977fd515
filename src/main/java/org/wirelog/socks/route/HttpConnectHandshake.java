package org.wirelog.socks.route;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import org.wirelog.model.Endpoint;
import org.wirelog.socks.Reply;

/**
 * HTTP/1.0 CONNECT ({@code proxyprotocol: http_v1.0}): a 2xx status opens the tunnel. HTTP never says which
 * address the proxy connects from, so there is no LASTPROXY-EXT (the traffic-log spec says an HTTP proxy
 * "might not make the LASTPROXY-EXT value available").
 */
final class HttpConnectHandshake implements Handshake {

    /** A proxy's answer is a status line and a few headers; more than this is not an HTTP proxy talking. */
    private static final int MAX_RESPONSE_HEAD = 16 * 1024;

    @Override
    public Endpoint connect(SocketChannel proxy, Endpoint target) throws IOException {
        String authority = (target.isIpv6() ? "[" + target.host() + "]" : target.host()) + ":" + target.port();
        String request = "CONNECT " + authority + " HTTP/1.0\r\nHost: " + authority + "\r\n\r\n";
        Handshake.send(proxy, ByteBuffer.wrap(request.getBytes(StandardCharsets.ISO_8859_1)));
        String head = responseHead(proxy);
        String statusLine = head.lines().findFirst().orElse("");
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/") || !parts[1].matches("[0-9]{3}")) {
            throw new UpstreamFailure("next proxy sent no HTTP status line: \"" + statusLine + "\"", Reply.GENERAL_FAILURE);
        }
        int status = Integer.parseInt(parts[1]);
        if (status / 100 != 2) {
            throw new UpstreamFailure("next proxy answered \"" + statusLine + "\"", replyFor(status));
        }
        return null;
    }

    /** Reads byte by byte up to the blank line, so that nothing of the tunnel's data is taken. */
    private static String responseHead(SocketChannel proxy) throws IOException {
        StringBuilder head = new StringBuilder();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (head.length() < MAX_RESPONSE_HEAD) {
            one.clear();
            if (proxy.read(one) < 0) {
                throw new UpstreamFailure("next proxy closed the connection before its response", Reply.GENERAL_FAILURE);
            }
            head.append((char) (one.get(0) & 0xff));
            int n = head.length();
            if (n >= 4 && head.charAt(n - 4) == '\r' && head.charAt(n - 3) == '\n' && head.charAt(n - 2) == '\r'
                    && head.charAt(n - 1) == '\n') {
                return head.toString();
            }
        }
        throw new UpstreamFailure("next proxy's response head is longer than " + MAX_RESPONSE_HEAD + " bytes",
                Reply.GENERAL_FAILURE);
    }

    private static Reply replyFor(int status) {
        return switch (status) {
            case 403, 407 -> Reply.NOT_ALLOWED;
            case 502 -> Reply.CONNECTION_REFUSED;
            case 504 -> Reply.TTL_EXPIRED;
            default -> Reply.GENERAL_FAILURE;
        };
    }
}
