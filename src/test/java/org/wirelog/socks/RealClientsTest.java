package org.wirelog.socks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wirelog.testing.Curl;

/** Clients people really use, through wirelog: curl in all four SOCKS modes, the JDK's own SOCKS client. */
class RealClientsTest {

    private static final InetAddress LOOPBACK = InetAddress.ofLiteral("127.0.0.1");
    /** Peers on virtual threads: the common pool has one worker on two cores, too few for both ends. */
    private static final java.util.concurrent.ExecutorService THREADS = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();

    @TempDir
    java.nio.file.Path dir;

    private RunningServer server;
    private HttpServer http;

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(RunningServer.passAll(""), dir);
        http = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 0);
        http.createContext("/hello.txt", exchange -> {
            byte[] body = "hello from the target\n".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
    }

    @AfterEach
    void stop() {
        server.close();
        http.stop(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--socks5", "--socks5-hostname", "--socks4", "--socks4a"})
    void curlFetchesThroughWirelog(String mode) throws Exception {
        String host = mode.endsWith("hostname") || mode.equals("--socks4a") ? "localhost" : "127.0.0.1";
        String proxy = "127.0.0.1:" + server.address().getPort();
        assertThat(Curl.get(mode, proxy, "http://" + host + ":" + http.getAddress().getPort() + "/hello.txt")).isEqualTo("200");
        String closing = server.awaitLine("tcp/accept ]:");
        assertThat(closing).contains(": pass(1): tcp/accept ]: ").matches(".*\\]: \\d+ -> 127\\.0\\.0\\.1\\.\\d+ 127\\.0\\.0\\.1\\." + server.address().getPort() + " -> \\d+: .*");
        assertThat(server.lines()).anyMatch(l -> l.startsWith("pass(1): tcp/connect [: ")
                && l.endsWith(" 127.0.0.1." + http.getAddress().getPort()));
    }

    @Test
    void jdkSocksClientConnectsThroughWirelog() throws Exception {
        Proxy proxy = new Proxy(Proxy.Type.SOCKS, server.address());
        try (ServerSocket target = new ServerSocket(0, 1, LOOPBACK)) {
            var accepted = CompletableFuture.supplyAsync(() -> {
                try (Socket s = target.accept()) {
                    byte[] got = s.getInputStream().readNBytes(5);
                    s.getOutputStream().write("world".getBytes(StandardCharsets.US_ASCII));
                    return new String(got, StandardCharsets.US_ASCII);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }, THREADS);
            try (Socket socket = new Socket(proxy)) {
                socket.connect(new InetSocketAddress(LOOPBACK, target.getLocalPort()));
                socket.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
                assertThat(new String(socket.getInputStream().readNBytes(5), StandardCharsets.US_ASCII)).isEqualTo("world");
            }
            assertThat(accepted.get()).isEqualTo("hello");
        }
        assertThat(server.awaitLine("tcp/connect ]:")).contains("]: 5 -> 127.0.0.1.").contains(" -> 5, 5 -> 127.0.0.1.");
    }

    /** One GiB each way at once, checksummed at both ends, counted exactly in the log. */
    @Test
    void oneGibibyteEachWayArrivesIntactAndIsCountedExactly() throws Exception {
        long size = 1L << 30;
        try (ServerSocket target = new ServerSocket(0, 1, LOOPBACK)) {
            var targetSide = CompletableFuture.supplyAsync(() -> {
                try (Socket s = target.accept()) {
                    var sending = CompletableFuture.supplyAsync(() -> send(s, size, 2), THREADS);
                    String received = digest(s.getInputStream());
                    return received + "/" + sending.join();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }, THREADS);
            try (Socket client = new Socket(new Proxy(Proxy.Type.SOCKS, server.address()))) {
                client.connect(new InetSocketAddress(LOOPBACK, target.getLocalPort()));
                var sending = CompletableFuture.supplyAsync(() -> send(client, size, 1), THREADS);
                String received = digest(client.getInputStream());
                String[] atTarget = targetSide.join().split("/");
                assertThat(atTarget[0]).as("what the target received").isEqualTo(sending.join());
                assertThat(received).as("what the client received").isEqualTo(atTarget[1]);
            }
        }
        assertThat(server.awaitLine("tcp/connect ]:")).contains("]: " + size + " -> ").contains(" -> " + size + ", " + size + " -> ")
                .contains(" -> " + size + ": ");
    }

    /** The client ends its side first; the target answers only after that EOF, and the answer still arrives. */
    @Test
    void halfClosedExchangeDeliversTheAnswerAfterTheClientsEof() throws Exception {
        try (ServerSocket target = new ServerSocket(0, 1, LOOPBACK)) {
            var targetSide = CompletableFuture.supplyAsync(() -> {
                try (Socket s = target.accept()) {
                    byte[] request = s.getInputStream().readAllBytes(); // until the client's EOF
                    s.getOutputStream().write(("got " + request.length + " bytes").getBytes(StandardCharsets.US_ASCII));
                    return request.length;
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }, THREADS);
            try (Socket client = new Socket(new Proxy(Proxy.Type.SOCKS, server.address()))) {
                client.connect(new InetSocketAddress(LOOPBACK, target.getLocalPort()));
                client.getOutputStream().write(new byte[1000]);
                client.shutdownOutput();
                assertThat(new String(client.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("got 1000 bytes");
            }
            assertThat(targetSide.join()).isEqualTo(1000);
        }
        String end = server.awaitLine("tcp/connect ]:");
        assertThat(end).contains("]: 14 -> ").contains(" -> 1000, 1000 -> ").contains(" -> 14: local client closed.  Session duration: ");
    }

    private static String send(Socket socket, long size, long seed) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            OutputStream out = socket.getOutputStream();
            byte[] block = new byte[1 << 16];
            new Random(seed).nextBytes(block);
            for (long sent = 0; sent < size; sent += block.length) {
                block[0] = (byte) (sent >>> 16); // every block differs, so a lost or repeated block shows
                sha.update(block);
                out.write(block);
            }
            socket.shutdownOutput();
            return HexFormat.of().formatHex(sha.digest());
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    private static String digest(InputStream in) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) > 0; ) sha.update(buffer, 0, n);
        return HexFormat.of().formatHex(sha.digest());
    }
}
