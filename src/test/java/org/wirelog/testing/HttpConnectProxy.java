package org.wirelog.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal HTTP CONNECT proxy, written from RFC 9110 section 9.3.6: reads the request head, connects to the
 * authority, answers {@code 200 Connection established} (or {@code 502} when the target refuses, {@code 403}
 * for a port it was told to forbid), then copies bytes both ways with half-close. Records each request line.
 */
public final class HttpConnectProxy implements AutoCloseable {

    private final ServerSocket server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final int forbiddenPort;

    private HttpConnectProxy(ServerSocket server, int forbiddenPort) {
        this.server = server;
        this.forbiddenPort = forbiddenPort;
    }

    /** @param forbiddenPort a target port answered with 403, or 0 */
    public static HttpConnectProxy start(InetAddress on, int forbiddenPort) throws IOException {
        HttpConnectProxy proxy = new HttpConnectProxy(new ServerSocket(0, 64, on), forbiddenPort);
        Thread.ofVirtual().start(proxy::acceptLoop);
        return proxy;
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The request lines received, such as {@code CONNECT 127.0.0.1:4242 HTTP/1.0}. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            String head = readHead(in);
            String requestLine = head.lines().findFirst().orElse("");
            requests.add(requestLine);
            String[] parts = requestLine.split(" ");
            if (parts.length != 3 || !parts[0].equals("CONNECT")) {
                answer(out, "405 Method Not Allowed");
                return;
            }
            int colon = parts[1].lastIndexOf(':');
            String host = parts[1].substring(0, colon).replace("[", "").replace("]", "");
            int port = Integer.parseInt(parts[1].substring(colon + 1));
            if (port == forbiddenPort) {
                answer(out, "403 Forbidden");
                return;
            }
            Socket target = new Socket();
            try {
                target.connect(new InetSocketAddress(host, port), 5000);
            } catch (IOException e) {
                target.close();
                answer(out, "502 Bad Gateway");
                return;
            }
            try (target) {
                answer(out, "200 Connection established");
                Thread back = Thread.ofVirtual().start(() -> copy(target, client));
                copy(client, target);
                back.join();
            }
        } catch (IOException | InterruptedException | RuntimeException ignored) {
            // a client that went away ends its tunnel
        }
    }

    private static void answer(OutputStream out, String status) throws IOException {
        out.write(("HTTP/1.0 " + status + "\r\nProxy-Agent: wirelog-test\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4 && head.size() < 8192) {
            int b = in.read();
            if (b < 0) throw new IOException("eof in request head");
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static void copy(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException ignored) {
            // the other direction notices too
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
