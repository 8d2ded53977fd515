package org.wirelog.nat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wirelog.sys.PidFile;
import org.wirelog.sys.Signals;
import org.wirelog.testing.Eventually;
import org.wirelog.testing.SmallDisk;
import org.wirelog.testing.WirelogProcess;

/**
 * wirelog nat in conntrack mode, as a real process, whose {@code --log} file's disk fills up: conntrack events keep
 * being read, the failure is said once, and when space returns every connection's line is in the file.
 */
class NatLogFaultsTest {

    @TempDir
    Path dir;

    /** One connection's NEW and DESTROY events, as conntrack -E -o timestamp prints them. */
    private static String connection(int port) {
        return "[1795435412.222745]\t    [NEW] tcp      6 120 SYN_SENT src=192.168.77.2 dst=10.77.0.2 sport=" + port
                + " dport=8000 [UNREPLIED] src=10.77.0.2 dst=10.77.0.1 sport=8000 dport=" + port + "\n"
                + "[1795435415.447295]\t[DESTROY] tcp      6 TIME_WAIT src=192.168.77.2 dst=10.77.0.2 sport=" + port
                + " dport=8000 packets=6 bytes=420 src=10.77.0.2 dst=10.77.0.1 sport=8000 dport=" + port
                + " packets=4 bytes=2216 [ASSURED]\n";
    }

    private static void feed(Path feed, int from, int to) throws IOException {
        StringBuilder events = new StringBuilder();
        IntStream.range(from, to).forEach(n -> events.append(connection(40000 + n)));
        Files.writeString(feed, events, StandardOpenOption.APPEND);
    }

    private static List<String> loggedPorts(Path log) {
        return Eventually.linesSoFar(log).stream().filter(l -> l.contains(" tcp 192.168.077.002,"))
                .map(l -> l.replaceFirst("^.* tcp 192\\.168\\.077\\.002,(\\d+) .*$", "$1")).toList();
    }

    @Test
    void aFullLogDiskIsSaidOnceAndEveryConnectionIsLoggedWhenSpaceReturns() throws Exception {
        Path feed = Files.createFile(dir.resolve("events.txt"));
        Path tailPid = dir.resolve("tail.pid");
        // The conntrack program: follows the events file the test appends to, as conntrack -E follows the kernel.
        Path conntrack = Files.writeString(dir.resolve("conntrack.sh"),
                "#!/bin/sh\necho $$ > '" + tailPid + "'\nexec tail -n +1 -f '" + feed + "'\n");
        Files.setPosixFilePermissions(conntrack, PosixFilePermissions.fromString("rwx------"));
        try (SmallDisk disk = SmallDisk.mount(dir, "disk", "256k")) {
            Path log = disk.resolve("natlog.log");
            try (WirelogProcess wirelog = WirelogProcess.start("nat", "-c", "/dev/null", "--no-daemon", "--no-bytes",
                    "--log", log.toString(), "--conntrack-command", conntrack.toString(), "conntrack")) {
                try {
                    feed(feed, 0, 5);
                    Eventually.await("the first connections", Duration.ofSeconds(10), () -> loggedPorts(log).size() == 5);
                    disk.fill();
                    feed(feed, 5, 505);
                    Eventually.await("the full disk to be said", Duration.ofSeconds(10),
                            () -> stderr(wirelog).contains("No space left on device"));
                    disk.freeUp();
                    Eventually.await("the log to work again", Duration.ofSeconds(10), () -> stderr(wirelog).contains("works again"));
                    feed(feed, 505, 510);
                    Eventually.await("every connection", Duration.ofSeconds(10), () -> loggedPorts(log).size() == 510);
                    assertThat(wirelog.stop()).isZero();
                } finally {
                    PidFile.read(tailPid).ifPresent(pid -> Signals.send(pid, Signals.SIGTERM));
                }
                assertThat(stderr(wirelog)).isEqualTo("wirelog: cannot write to " + log + ": No space left on device\n"
                        + "wirelog: writing to " + log + " works again\n");
                assertThat(loggedPorts(log)).containsExactlyElementsOf(IntStream.range(0, 510).mapToObj(n -> "" + (40000 + n)).toList());
            }
        }
    }

    private static String stderr(WirelogProcess wirelog) {
        try {
            return wirelog.stderr();
        } catch (IOException e) {
            return "";
        }
    }
}
