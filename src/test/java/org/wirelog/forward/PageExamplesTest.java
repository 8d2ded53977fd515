package org.wirelog.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wirelog.testing.TcpTargets;

/** The two examples of ipprotd's page, run as written (ports and paths changed) as daemons, stopped with kill. */
class PageExamplesTest {

    @TempDir
    Path dir;

    private static int freePort() throws IOException {
        return TcpTargets.freePort(InetAddress.getLoopbackAddress());
    }

    /** {@code wirelog forward ARGS} in a JVM of its own, as the launcher runs it; returns its exit status. */
    private static int wirelogForward(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "org.wirelog.cli.Main", "forward"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(output).isEmpty();
        return p.exitValue();
    }

    private static ProcessHandle daemon(Path pidFile) throws IOException {
        return ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip())).orElseThrow();
    }

    private static void kill(Path pidFile) throws Exception {
        // As the page says: kill `cat pid_file`
        assertThat(new ProcessBuilder("sh", "-c", "kill `cat " + pidFile + "`").start().waitFor()).isZero();
    }

    @Test
    void firstExampleRecordsBothDirectionsGzippedAndAKillLetsTheOpenConnectionFinish() throws Exception {
        int port = freePort();
        Path connRec = Files.createDirectory(dir.resolve("conn_rec"));
        Path pidFile = connRec.resolve("ipprot_pid_" + port);
        var talk = Conversation.of("SELECT 1;\n", "1\n", "SELECT 2;\n", "2\n");
        try (var server = talk.server()) {
            assertThat(wirelogForward("-p", Integer.toString(port), "-h", "127.0.0.1", "-P", Integer.toString(server.port()),
                    "-l", "-f", connRec.resolve("prot").toString(), "-z", "-Dp", pidFile.toString())).isZero();
            ProcessHandle daemon = daemon(pidFile);
            try (Socket client = new Socket("127.0.0.1", port)) {
                client.getOutputStream().write(talk.requests().get(0));
                assertThat(client.getInputStream().readNBytes(2)).isEqualTo(talk.responses().get(0));
                kill(pidFile);
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (System.nanoTime() < deadline && connects(port)) Thread.sleep(10);
                assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).as("no new connections after kill").isInstanceOf(IOException.class);
                assertThat(daemon.isAlive()).as("the open connection keeps the daemon running").isTrue();
                client.getOutputStream().write(talk.requests().get(1));
                assertThat(client.getInputStream().readNBytes(2)).isEqualTo(talk.responses().get(1));
            }
            assertThat(daemon.onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
        }
        assertThat(pidFile).doesNotExist();
        // The daemon's first connection; the probes above, until the kill took effect, made empty ones.
        Path file;
        try (var files = Files.list(connRec)) {
            file = files.filter(f -> f.getFileName().toString().matches("prot_.*_1_127\\.0\\.0\\.1\\.gz")).findFirst().orElseThrow();
        }
        var gzip = Recordings.tool("gzip", "-dc", file.toString());
        assertThat(gzip.status()).as(gzip.err()).isZero();
        assertThat(gzip.out()).isEqualTo(talk.bothWays());
    }

    private static boolean connects(int port) {
        try {
            new Socket("127.0.0.1", port).close();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void secondExampleRecordsTheAdministratorsPrintableCommandsInBzip2AndPostProcesses() throws Exception {
        int port = freePort();
        Path protocols = Files.createDirectory(dir.resolve("connection_protocol"));
        Path sendIpprot = dir.resolve("send_ipprot");
        Files.writeString(sendIpprot, "#!/bin/sh\necho \"$@\" > " + dir.resolve("sent") + "\n");
        Files.setPosixFilePermissions(sendIpprot, PosixFilePermissions.fromString("rwx------"));
        Path pidFile = protocols.resolve("pid_" + port);
        var sql = Conversation.of("\u0000\u0010\u0000\u0000\u0001select * from dba_users;\u0000\u0002", "\u0006rows\u0000");
        try (var server = sql.server()) {
            assertThat(wirelogForward("-p", port + "@127.0.0.1", "-P", server.port() + "@127.0.0.1", "-L", "-s",
                    "-f", protocols.resolve("prot").toString(), "-j", "-u", sendIpprot.toString(), "-Dp", pidFile.toString())).isZero();
            ProcessHandle daemon = daemon(pidFile);
            try (Socket client = new Socket("127.0.0.1", port)) {
                client.getOutputStream().write(sql.requests().getFirst());
                assertThat(client.getInputStream().readNBytes(6)).isEqualTo(sql.responses().getFirst());
            }
            Path sent = dir.resolve("sent");
            for (int i = 0; i < 500 && !Files.exists(sent); i++) Thread.sleep(10);
            kill(pidFile);
            assertThat(daemon.onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
            Path file = Recordings.only(protocols, "prot");
            assertThat(Files.readString(sent)).isEqualTo(file + " 127.0.0.1\n");
            var bzip2 = Recordings.tool("bzip2", "-dc", file.toString());
            assertThat(bzip2.status()).as(bzip2.err()).isZero();
            assertThat(new String(bzip2.out(), StandardCharsets.US_ASCII)).isEqualTo(" select * from dba_users; ");
        }
        assertThat(pidFile).doesNotExist();
    }
}
