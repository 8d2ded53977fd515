package org.wirelog.socks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.wirelog.testing.EchoTarget;
import org.wirelog.testing.Eventually;
import org.wirelog.testing.SocksClient;
import org.wirelog.testing.TcpTargets;

/** The far side failing mid-session: a target that resets, a next proxy that dies. Exact lines, exact counters. */
class RelayFaultsTest {

    private static final InetAddress LOOPBACK = InetAddress.ofLiteral("127.0.0.1");
    @RegisterExtension
    static final EchoTarget ECHO = new EchoTarget();

    @TempDir
    Path dir;

    @Test
    void aTargetThatResetsEndsTheSessionWithDantesRemotePeerErrorAndExactCounters() throws Exception {
        try (ServerSocket target = new ServerSocket(0, 1, LOOPBACK);
             RunningServer server = RunningServer.start(RunningServer.passAll(""), dir)) {
            // Echoes what the first read brings, then resets (SO_LINGER 0), as Dante's run against rst.py showed.
            Thread.ofVirtual().start(() -> {
                try (Socket peer = target.accept()) {
                    byte[] got = new byte[100];
                    int n = peer.getInputStream().read(got);
                    peer.getOutputStream().write(got, 0, n);
                    Thread.sleep(300);
                    peer.setSoLinger(true, 0);
                } catch (Exception ignored) {
                    // the test fails on the log lines instead
                }
            });
            SocksClient.Result result = SocksClient.via(server.address()).target("127.0.0.1", target.getLocalPort())
                    .payload("hello".getBytes()).waitForEof().run();
            assertThat(result.received()).isEqualTo(5);
            server.awaitLine("tcp/accept ]:");
            String chain = " -> 127.0.0.1.<P3> 127.0.0.1." + target.getLocalPort();
            // Whole seconds of the clock, as Dante counts them: 0 or 1 for a session this short.
            assertThat(server.normalizedLinesKeeping(target.getLocalPort()).stream()
                    .map(line -> line.replaceFirst("Session duration: [01]s$", "Session duration: <1s")).toList()).containsExactly(
                    "pass(1): tcp/accept [: 127.0.0.1.<P1> 127.0.0.1.<P2>",
                    "pass(1): tcp/connect [: 127.0.0.1.<P1> 127.0.0.1.<P2>" + chain,
                    "pass(1): tcp/connect ]: 5 -> 127.0.0.1.<P1> 127.0.0.1.<P2> -> 5, 5" + chain
                            + " -> 5: remote peer error (Connection reset by peer).  Session duration: <1s",
                    "pass(1): tcp/accept ]: 5 -> 127.0.0.1.<P1> 127.0.0.1.<P2> -> 5: remote peer error (Connection reset by peer)."
                            + "  Session duration: <1s");
        }
    }

    @Test
    void aNextProxyThatDiesMidSessionEndsItAsTheTargetClosingAndTheClientGetsEof() throws Exception {
        int upstreamPort = TcpTargets.freePort(LOOPBACK);
        Process upstream = new ProcessBuilder("microsocks", "-i", "127.0.0.1", "-p", String.valueOf(upstreamPort))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (RunningServer server = RunningServer.start(RunningServer.passAll("route {\n  from: 0/0 to: 0/0 via: 127.0.0.1 port = "
                + upstreamPort + "\n  proxyprotocol: socks_v5\n  command: connect\n}"), dir);
             Socket client = new Socket()) {
            Eventually.await("microsocks to listen", Duration.ofSeconds(10), () -> {
                try (Socket probe = new Socket(LOOPBACK, upstreamPort)) {
                    return true;
                } catch (java.io.IOException notYet) {
                    return false;
                }
            });
            client.connect(server.address());
            client.setSoTimeout(10_000);
            var out = client.getOutputStream();
            InputStream in = client.getInputStream();
            out.write(new byte[] {5, 1, 0});
            assertThat(in.readNBytes(2)).containsExactly(5, 0);
            out.write(new byte[] {5, 1, 0, 1, 127, 0, 0, 1, (byte) (ECHO.port() >> 8), (byte) ECHO.port()});
            assertThat(in.readNBytes(10)[1]).isZero();
            out.write("ping".getBytes());
            assertThat(new String(in.readNBytes(4))).isEqualTo("ping");
            upstream.destroyForcibly();
            assertThat(upstream.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(in.read()).as("the client sees the end").isEqualTo(-1);
            client.close();
            String closed = server.awaitLine("tcp/connect ]:");
            assertThat(closed).matches(".*: tcp/connect \\]: 4 -> 127\\.0\\.0\\.1\\.\\d+ 127\\.0\\.0\\.1\\.\\d+ -> 4, 4 -> 127\\.0\\.0\\.1\\.\\d+ "
                    + "127\\.0\\.0\\.1\\." + upstreamPort + " \\[[^]]+\\] 127\\.0\\.0\\.1\\." + ECHO.port()
                    + " -> 4: remote peer closed\\.  Session duration: \\d+s$");
        } finally {
            upstream.destroyForcibly();
        }
    }
}
