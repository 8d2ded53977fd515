package org.wirelog.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.HexFormat;

/** Sends raw bytes to a server and collects what comes back until EOF or a time limit: for malformed input. */
public final class RawClient {

    private RawClient() {
    }

    /** What came back, and whether the server closed (EOF or reset) within the limit. */
    public record Answer(byte[] received, boolean closedByServer) {
        public String hex() {
            return HexFormat.of().formatHex(received);
        }
    }

    /** Sends {@code hex} (may be empty) and waits up to {@code wait} for the server to close. */
    public static Answer exchange(InetSocketAddress server, String hex, Duration wait) throws IOException {
        return exchange(server, hex, wait, false);
    }

    /** The same, ending our side after sending (a half-close): a request cut short by EOF. */
    public static Answer exchangeThenEnd(InetSocketAddress server, String hex, Duration wait) throws IOException {
        return exchange(server, hex, wait, true);
    }

    private static Answer exchange(InetSocketAddress server, String hex, Duration wait, boolean halfClose) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(server, 5000);
            if (!hex.isEmpty()) socket.getOutputStream().write(HexFormat.of().parseHex(hex));
            if (halfClose) socket.shutdownOutput();
            socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            long deadline = System.nanoTime() + wait.toNanos();
            byte[] buffer = new byte[1024];
            try {
                while (System.nanoTime() < deadline) {
                    int n = in.read(buffer);
                    if (n < 0) return new Answer(got.toByteArray(), true);
                    got.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException e) {
                return new Answer(got.toByteArray(), false);
            } catch (IOException reset) {
                return new Answer(got.toByteArray(), true);
            }
            return new Answer(got.toByteArray(), false);
        }
    }

    /** Sends {@code hex} and closes at once, without reading. */
    public static void sendAndClose(InetSocketAddress server, String hex) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(server, 5000);
            if (!hex.isEmpty()) socket.getOutputStream().write(HexFormat.of().parseHex(hex));
        }
    }
}
