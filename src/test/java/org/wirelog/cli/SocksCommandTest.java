package org.wirelog.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wirelog.sys.PidFile;
import org.wirelog.testing.SocksClient;
import org.wirelog.testing.TcpTargets;
import org.wirelog.testing.WirelogProcess;

/** {@code wirelog socks} with danted's flags, run as a real process the way an operator runs it. */
class SocksCommandTest {

    private static final InetAddress LOOPBACK = InetAddress.ofLiteral("127.0.0.1");
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private Path config(int port, String extra) throws IOException {
        return Files.writeString(dir.resolve("sockd.conf"), """
                logoutput: %s
                internal: 127.0.0.1 port = %d
                external: 127.0.0.1
                %s
                client pass { from: 127.0.0.0/8 to: 0.0.0.0/0 log: connect disconnect }
                socks pass { from: 127.0.0.0/8 to: 0.0.0.0/0 log: connect disconnect }
                """.formatted(dir.resolve("sockd.log"), port, extra));
    }

    @Test
    void dashCapitalV_checksAGoodConfigAndExitsZeroWithoutServing() throws Exception {
        int port = TcpTargets.freePort(LOOPBACK);
        var result = WirelogProcess.run(LIMIT, "socks", "-V", "-f", config(port, "").toString());
        assertThat(result.exitCode()).isZero();
        assertThat(result.output()).isEmpty();
        try (ServerSocket stillFree = new ServerSocket(port, 1, LOOPBACK)) {
            assertThat(stillFree.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void aBrokenConfigNamesFileLineAndTokenAndNothingStarts() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.conf"), """
                logoutput: stdout
                internal: 127.0.0.1 port = 1
                socks pass { from: 127.0.0.1/32 to: 0.0.0.0/0
                  log: connect bogus
                }
                """);
        for (String[] args : new String[][] {{"socks", "-V", "-f", broken.toString()}, {"socks", "-f", broken.toString()}}) {
            var result = WirelogProcess.run(LIMIT, args);
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.output()).isEqualTo("wirelog: " + broken + ": problem on line 4 near token \"bogus\": syntax error: "
                    + "\"log:\" takes connect data disconnect error ioop iooperation tcpinfo.  Please see the Dante manual for more information\n");
        }
    }

    @Test
    void aMissingConfigFileIsAClearError() throws Exception {
        var result = WirelogProcess.run(LIMIT, "socks", "-f", dir.resolve("nowhere.conf").toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).startsWith("wirelog: ").contains("nowhere.conf");
    }

    @Test
    void dashV_printsTheVersion() throws Exception {
        var result = WirelogProcess.run(LIMIT, "socks", "-v");
        assertThat(result.exitCode()).isZero();
        assertThat(result.output()).startsWith("wirelog v" + Version.NUMBER + " (Java 25");
    }

    @Test
    void dashP_writesThePidFileAndSigtermRemovesIt_afterLoggingDantesStopLines() throws Exception {
        int port = TcpTargets.freePort(LOOPBACK);
        Path pidFile = dir.resolve("wirelog.pid");
        try (WirelogProcess wirelog = WirelogProcess.start("socks", "-N", "1", "-f", config(port, "").toString(), "-p", pidFile.toString())) {
            assertThat(PidFile.read(pidFile)).hasValue(wirelog.pid());
            assertThat(wirelog.stop()).isZero();
        }
        assertThat(pidFile).doesNotExist();
        var lines = Files.readAllLines(dir.resolve("sockd.log"));
        assertThat(lines.getFirst()).endsWith(": info: wirelog/server[1/1] v" + Version.NUMBER + " running");
        assertThat(lines.get(lines.size() - 2)).endsWith(": info: sigterm(): exiting on signal 15");
        assertThat(lines.getLast()).endsWith(": alert: mother[1/1]: shutting down");
    }

    @Test
    void dashD_detachesServesAndWritesThePidFile() throws Exception {
        int port = TcpTargets.freePort(LOOPBACK);
        Path pidFile = dir.resolve("daemon.pid");
        try (TcpTargets targets = new TcpTargets()) {
            int echo = targets.echo(LOOPBACK);
            var result = WirelogProcess.run(LIMIT, "socks", "-D", "-f", config(port, "").toString(), "-p", pidFile.toString());
            assertThat(result.exitCode()).isZero();
            long daemon = PidFile.read(pidFile).orElseThrow();
            try {
                assertThat(ProcessHandle.of(daemon).map(ProcessHandle::isAlive)).hasValue(true);
                var served = SocksClient.via(new java.net.InetSocketAddress(LOOPBACK, port)).target("127.0.0.1", echo).run();
                assertThat(served.received()).isEqualTo(4);
            } finally {
                ProcessHandle.of(daemon).ifPresent(ProcessHandle::destroy);
                for (int i = 0; i < 100 && ProcessHandle.of(daemon).isPresent(); i++) Thread.sleep(50);
            }
        }
        assertThat(pidFile).doesNotExist();
    }

    @Test
    void dashD_thatCannotStartSaysWhyOnTheTerminal() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, LOOPBACK)) {
            var result = WirelogProcess.run(LIMIT, "socks", "-D", "-f", config(taken.getLocalPort(), "").toString());
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.output()).contains("cannot listen on 127.0.0.1." + taken.getLocalPort() + ": Address already in use");
        }
    }

    @Test
    void dashD1_addsDebugLinesAroundTheTrafficLines() throws Exception {
        int port = TcpTargets.freePort(LOOPBACK);
        try (TcpTargets targets = new TcpTargets();
             WirelogProcess wirelog = WirelogProcess.start("socks", "-d", "1", "-f", config(port, "").toString())) {
            int echo = targets.echo(LOOPBACK);
            SocksClient.via(new java.net.InetSocketAddress(LOOPBACK, port)).target("127.0.0.1", echo).run();
            Thread.sleep(300);
            wirelog.stop();
        }
        var lines = Files.readAllLines(dir.resolve("sockd.log"));
        assertThat(lines).anyMatch(l -> l.contains(": debug: rulespermit(): rule matched: 1 (socks-rule, line 6), verdict pass"));
        assertThat(lines).anyMatch(l -> l.contains(": debug: dorequest(): connect request received from client 127.0.0.1."));
        assertThat(lines).anyMatch(l -> l.contains(": info: pass(1): tcp/connect ]: 4 -> 127.0.0.1."));
    }

    /** The README's quick start: no arguments, a SOCKS server on 127.0.0.1:1080 logging to stdout. */
    @Test
    void withoutArguments_servesLoopbackOn1080AndLogsToStdout() throws Exception {
        assumeTrue(portFree(1080), "port 1080 is in use on this machine");
        Path stdout = dir.resolve("stdout.txt");
        ProcessBuilder builder = WirelogProcess.builder("socks").redirectOutput(stdout.toFile()).redirectErrorStream(true);
        Process wirelog = builder.start();
        try (TcpTargets targets = new TcpTargets()) {
            int echo = targets.echo(LOOPBACK);
            var proxy = new java.net.InetSocketAddress(LOOPBACK, 1080);
            SocksClient.Result served = null;
            for (int i = 0; i < 200 && served == null; i++) {
                try {
                    served = SocksClient.via(proxy).target("127.0.0.1", echo).run();
                } catch (java.net.ConnectException notYet) {
                    Thread.sleep(50);
                }
            }
            assertThat(served).isNotNull();
            assertThat(served.received()).isEqualTo(4);
            Thread.sleep(300);
        } finally {
            wirelog.destroy();
            wirelog.waitFor();
        }
        String out = Files.readString(stdout);
        assertThat(out).contains(": info: pass(1): tcp/accept [: 127.0.0.1.").contains(" 127.0.0.1.1080\n")
                .contains(": info: pass(1): tcp/connect ]: 4 -> 127.0.0.1.").contains(": info: sigterm(): exiting on signal 15\n");
        // external: 0.0.0.0 in the default: PROXY-EXT is still the address the target saw, as an abuse report names it
        assertThat(out).containsPattern("tcp/connect \\[: 127\\.0\\.0\\.1\\.\\d+ 127\\.0\\.0\\.1\\.1080 -> 127\\.0\\.0\\.1\\.\\d+ 127\\.0\\.0\\.1\\.\\d+\n");
    }

    private static boolean portFree(int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, LOOPBACK)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
