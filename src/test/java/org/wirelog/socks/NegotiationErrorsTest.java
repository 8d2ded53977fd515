package org.wirelog.socks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wirelog.testing.RawClient;
import org.wirelog.testing.SocksClient;
import org.wirelog.testing.TcpTargets;

/** Malformed, truncated, oversized and slow clients: each gets the right reply or close and the right log line. */
class NegotiationErrorsTest {

    @TempDir
    java.nio.file.Path dir;

    private final TcpTargets targets = new TcpTargets();
    private RunningServer server;
    private int echo;

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(RunningServer.passAll("timeout.negotiate: 1"), dir);
        echo = targets.echo(InetAddress.ofLiteral("127.0.0.1"));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        targets.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // what is sent (hex)                                     | reply expected (hex)              | log text after "error after reading "
            "garbage HTTP request       | 474554202f20485454502f312e310d0a0d0a | ''                              | 1 byte in 0 seconds: unknown SOCKS version 71 in client request",
            "SOCKS5 request cut short   | 0501000501000100                     | 0500                            | 8 bytes in 0 seconds: eof from local client",
            "SOCKS5 wrong request VER   | 0501000401000100000000               | 0500                            | 4 bytes in 0 seconds: unknown SOCKS version 4 in client request",
            "SOCKS5 unknown command     | 050100050400017f0000010050           | 050005070001000000000000        | 5 bytes in 0 seconds: unknown socks_v5 command: 4",
            "SOCKS5 unknown ATYP        | 05010005010009                       | 050005080001000000000000        | 7 bytes in 0 seconds: unknown socks_v5 command: 1",
            "SOCKS5 empty hostname      | 05010005010003000050                 | 050005040001000000000000        | 10 bytes in 0 seconds: empty hostname in client request",
            "SOCKS5 methods only GSSAPI | 050101                               | 05ff                            | 3 bytes in 0 seconds: client offered no acceptable authentication method",
            "SOCKS4 unknown command     | 04070050000000010000                 | 005b000000000000                | 2 bytes in 0 seconds: unknown socks_v4 command: 7",
            "SOCKS4 USERID never ends   | 040100507f000001626f62               | ''                              | 11 bytes in 0 seconds: eof from local client",
    })
    void badRequestGetsItsReplyAndLogLine(String name, String sent, String reply, String logText) throws Exception {
        // The client ends its side after sending: a request cut short meets an EOF, not the negotiate timeout.
        RawClient.Answer answer = RawClient.exchangeThenEnd(server.address(), sent.equals("''") ? "" : sent, Duration.ofSeconds(3));
        assertThat(answer.hex()).isEqualTo(reply.equals("''") ? "" : reply);
        String line = server.awaitLine("error after reading");
        assertThat(line).endsWith(": block(1): tcp/accept ]: 127.0.0.1." + localPort(line) + " " + proxy() + ": error after reading " + logText);
    }

    @Test
    void oversizedSocks4UseridIsRefusedWithReplyAndLine() throws Exception {
        String userid = "61".repeat(300);
        RawClient.Answer answer = RawClient.exchange(server.address(), "040100507f000001" + userid + "00", Duration.ofSeconds(3));
        assertThat(answer.hex()).isEqualTo("005b000000000000");
        assertThat(answer.closedByServer()).isTrue();
        assertThat(server.awaitLine("error after reading")).endsWith("error after reading 264 bytes in 0 seconds: USERID too long (more than 255 bytes)");
    }

    /** SOCKS4a: 0.0.0.1 means a hostname follows the USERID; wirelog waits for it (real Dante does not). */
    @Test
    void socks4aWithoutItsHostnameIsAnEofAfterTheUserid() throws Exception {
        RawClient.Answer answer = RawClient.exchange(server.address(), "040100500000000100", Duration.ofMillis(300));
        assertThat(answer.hex()).isEmpty();
        assertThat(server.awaitLine("error after reading")).endsWith("error after reading 9 bytes in 0 seconds: eof from local client");
    }

    @Test
    void staller_isCutAtTimeoutNegotiate_whileOthersAreServed() throws Exception {
        var staller = Executors.newVirtualThreadPerTaskExecutor().submit(
                () -> RawClient.exchange(server.address(), "0501", Duration.ofSeconds(5)));
        long start = System.nanoTime();
        SocksClient.Result served = SocksClient.via(server.address()).target("127.0.0.1", echo).run();
        assertThat(served.received()).isEqualTo(4);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(900));
        assertThat(staller.get().closedByServer()).isTrue();
        assertThat(server.awaitLine("negotiate timeout")).endsWith("negotiate timeout after 1 second");
    }

    @Test
    void floodOfGarbageConnectionsDoesNotStopAWellBehavedClient() throws Exception {
        List<Callable<RawClient.Answer>> garbage = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String bytes = "ff".repeat(i % 7 + 1);
            garbage.add(() -> RawClient.exchange(server.address(), bytes, Duration.ofSeconds(3)));
        }
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<RawClient.Answer>> answers = pool.invokeAll(garbage);
            assertThat(SocksClient.via(server.address()).target("127.0.0.1", echo).run().received()).isEqualTo(4);
            for (Future<RawClient.Answer> a : answers) assertThat(a.get().closedByServer()).isTrue();
        }
        server.awaitLine("pass(1): tcp/connect ]:");
        assertThat(server.lines().stream().filter(l -> l.contains("unknown SOCKS version 255")).count()).isEqualTo(200);
    }

    private String proxy() {
        return "127.0.0.1." + server.address().getPort();
    }

    private static String localPort(String line) {
        var m = java.util.regex.Pattern.compile("tcp/accept \\]: 127\\.0\\.0\\.1\\.(\\d+) ").matcher(line);
        return m.find() ? m.group(1) : "?";
    }
}
