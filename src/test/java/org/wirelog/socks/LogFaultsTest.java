package org.wirelog.socks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.wirelog.testing.EchoTarget;
import org.wirelog.testing.Eventually;
import org.wirelog.testing.SmallDisk;
import org.wirelog.testing.SocksClient;
import org.wirelog.testing.TcpTargets;
import org.wirelog.testing.WirelogProcess;

/**
 * wirelog socks as a real process while its log fails under it: a full disk, logrotate with and without SIGHUP,
 * SIGHUP and SIGTERM while many sessions move bytes. The service keeps relaying, says so once, and loses no line.
 */
class LogFaultsTest {

    @RegisterExtension
    static final EchoTarget ECHO = new EchoTarget();
    private static final InetAddress LOOPBACK = InetAddress.ofLiteral("127.0.0.1");
    /** Dante's prefix, whole: a line without it is torn or interleaved. */
    private static final Pattern WHOLE_LINE = Pattern.compile(
            "^\\w{3} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\(\\d+\\.\\d{6}\\) wirelog\\[\\d+\\]: \\w+: .+$");
    private static final Pattern OPENED = Pattern.compile("tcp/connect \\[: 127\\.0\\.0\\.1\\.(\\d+) ");
    private static final Pattern CLOSED = Pattern.compile(
            "tcp/connect \\]: (\\d+) -> 127\\.0\\.0\\.1\\.(\\d+) \\S+ -> (\\d+), \\d+ -> \\S+ \\S+ -> \\d+: (.+)\\.  Session duration: \\d+s$");

    @TempDir
    Path dir;

    private Path config(int port, Path log) throws Exception {
        return Files.writeString(dir.resolve("sockd.conf"), "logoutput: " + log + "\ninternal: 127.0.0.1 port = " + port
                + "\nexternal: 127.0.0.1\nsocksmethod: none\nclientmethod: none\n"
                + "client pass { from: 127.0.0.0/8 to: 0/0 log: connect disconnect }\n"
                + "socks pass { from: 0/0 to: 0/0 log: connect disconnect }\n");
    }

    private static SocksClient client(int port) {
        return SocksClient.via(new InetSocketAddress(LOOPBACK, port)).target("127.0.0.1", ECHO.port());
    }

    /** What sessions did, as the log says: client port to its closing line's fields. */
    private record Sessions(List<Integer> opened, List<Integer> closedPorts, long fromClients, List<String> reasons) {

        static Sessions of(List<String> lines) {
            List<Integer> opened = new ArrayList<>();
            List<Integer> closed = new ArrayList<>();
            List<String> reasons = new ArrayList<>();
            long fromClients = 0;
            for (String line : lines) {
                Matcher open = OPENED.matcher(line);
                if (open.find()) opened.add(Integer.parseInt(open.group(1)));
                Matcher close = CLOSED.matcher(line);
                if (close.find()) {
                    fromClients += Long.parseLong(close.group(1));
                    assertThat(close.group(1)).as("echoed: what came from the client went back").isEqualTo(close.group(3));
                    closed.add(Integer.parseInt(close.group(2)));
                    reasons.add(close.group(4));
                }
            }
            return new Sessions(opened, closed, fromClients, reasons);
        }
    }

    @Test
    void aFullLogDiskIsSaidOnceRelayingGoesOnAndEveryLineIsWrittenWhenSpaceReturns() throws Exception {
        int port = TcpTargets.freePort(LOOPBACK);
        try (SmallDisk disk = SmallDisk.mount(dir, "disk", "256k")) {
            Path log = disk.resolve("sockd.log");
            try (WirelogProcess wirelog = WirelogProcess.start("socks", "-f", config(port, log).toString())) {
                long sent = 0;
                for (int i = 0; i < 5; i++) sent += client(port).run().sent();
                Eventually.await("the first sessions' lines", Duration.ofSeconds(10),
                        () -> Sessions.of(Eventually.linesSoFar(log)).closedPorts().size() == 5);
                disk.fill();
                for (int i = 0; i < 40; i++) {
                    SocksClient.Result result = client(port).run();
                    assertThat(result.received()).as("relayed while the log disk is full").isEqualTo(4);
                    sent += result.sent();
                }
                Eventually.await("the full disk to be reported", Duration.ofSeconds(10),
                        () -> stderrOf(wirelog).contains("No space left on device"));
                disk.freeUp();
                Eventually.await("the log to work again", Duration.ofSeconds(10),
                        () -> stderrOf(wirelog).contains("works again"));
                for (int i = 0; i < 5; i++) sent += client(port).run().sent();
                assertThat(wirelog.stop()).isZero();
                assertThat(wirelog.stderr()).isEqualTo("wirelog: cannot write to " + log + ": No space left on device\n"
                        + "wirelog: writing to " + log + " works again\n");
                List<String> lines = Files.readAllLines(log);
                assertThat(lines).allMatch(line -> WHOLE_LINE.matcher(line).matches());
                Sessions sessions = Sessions.of(lines);
                assertThat(sessions.opened()).hasSize(50).doesNotHaveDuplicates();
                assertThat(sessions.closedPorts()).containsExactlyInAnyOrderElementsOf(sessions.opened());
                assertThat(sessions.fromClients()).isEqualTo(sent);
                assertThat(lines).noneMatch(line -> line.contains("dropped"));
                assertThat(lines.getLast()).endsWith(": alert: mother[1/1]: shutting down");
            }
        }
    }

    /** The rotated files and the current one, in order. */
    private static List<String> linesOf(List<Path> rotated, Path current) {
        List<String> lines = new ArrayList<>();
        for (Path file : rotated) lines.addAll(Eventually.linesSoFar(file));
        lines.addAll(Eventually.linesSoFar(current));
        return lines;
    }

    private static String stderrOf(WirelogProcess wirelog) {
        try {
            return wirelog.stderr();
        } catch (java.io.IOException e) {
            return "";
        }
    }

    @Test
    void sighupUnderLoadReopensWithoutLosingOrTearingLinesAndSigtermClosesEveryOpenSession() throws Exception {
        int port = TcpTargets.freePort(LOOPBACK);
        Path log = dir.resolve("sockd.log");
        Path pidFile = dir.resolve("wirelog.pid");
        List<Path> files = new ArrayList<>();
        long sent = 0;
        try (WirelogProcess wirelog = WirelogProcess.start("socks", "-f", config(port, log).toString(), "-p", pidFile.toString());
             ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<SocksClient.Result>> busy = new ArrayList<>();
            // 24 clients at a time, each 30 rounds of 1 kB echoed 10 ms apart, 72 sessions in all.
            for (int i = 0; i < 72; i++) {
                Callable<SocksClient.Result> session = () -> client(port).payload(new byte[1024]).rounds(30, Duration.ofMillis(10)).run();
                busy.add(clients.submit(session));
                if (i % 24 == 23) Thread.sleep(100);
            }
            // logrotate: rename, then SIGHUP; three times while the clients are busy.
            for (int rotation = 1; rotation <= 3; rotation++) {
                Thread.sleep(150);
                // as logrotate would find it: the file the last SIGHUP opened (a reload takes a while under load)
                Eventually.await("the log file", Duration.ofSeconds(10), () -> Files.exists(log));
                Path rotated = dir.resolve("sockd.log." + rotation);
                Files.move(log, rotated);
                files.add(rotated);
                wirelog.signal("HUP");
            }
            for (Future<SocksClient.Result> done : busy) {
                SocksClient.Result result = done.get();
                assertThat(result.received()).isEqualTo(30 * 1024);
                sent += result.sent();
            }
            // Sessions that are open when SIGTERM comes: each has moved bytes, none will close by itself.
            List<Future<SocksClient.Result>> held = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                held.add(clients.submit(() -> client(port).waitForEof().timeout(Duration.ofSeconds(30)).run()));
            }
            Eventually.await("the held sessions to be relaying", Duration.ofSeconds(10), () -> {
                Sessions soFar = Sessions.of(linesOf(files, log));
                return soFar.opened().size() - soFar.closedPorts().size() == 8;
            });
            long started = System.nanoTime();
            assertThat(wirelog.stop()).isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            for (Future<SocksClient.Result> session : held) sent += session.get().sent();
            assertThat(wirelog.stderr()).isEmpty();
        }
        assertThat(pidFile).doesNotExist();
        List<String> lines = linesOf(files, log);
        assertThat(lines).allMatch(line -> WHOLE_LINE.matcher(line).matches());
        Sessions sessions = Sessions.of(lines);
        assertThat(sessions.opened()).hasSize(80).doesNotHaveDuplicates();
        assertThat(sessions.closedPorts()).containsExactlyInAnyOrderElementsOf(sessions.opened());
        assertThat(sessions.fromClients()).isEqualTo(sent);
        assertThat(sessions.reasons()).filteredOn("server exiting"::equals).hasSize(8);
        assertThat(Files.readAllLines(log)).last().asString().endsWith(": alert: mother[1/1]: shutting down");
        assertThat(Files.readAllLines(log)).filteredOn(l -> l.contains("tcp/accept ]:")).hasSizeGreaterThanOrEqualTo(8);
    }
}
