package org.wirelog.nat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wirelog.model.Event.Notice;
import org.wirelog.testing.WirelogProcess;

/** Conntrack input wirelog must survive: lines of unknown shapes, and a conntrack program that keeps dying. */
class BadConntrackTest {

    @TempDir
    Path dir;

    private Path script(String name, String body) throws IOException {
        Path script = dir.resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    @Test
    void linesOfOtherShapesAreNotEvents() {
        for (String line : List.of("", "garbage", "[NEW] tcp", "    [NEW] sctp     132 10 CLOSED src=192.168.77.2 dst=10.77.0.2 sport=1 dport=2 "
                        + "src=10.77.0.2 dst=10.77.0.1 sport=2 dport=1",
                "[1795435412.223822]\t    [NEW] tcp      6 120 SYN_SENT src=fd00::2 dst=fd01::2 sport=41001 dport=8000 [UNREPLIED] "
                        + "src=fd01::2 dst=fd01::1 sport=8000 dport=41001",
                "[1795435412.223822]\t    [NEW] tcp      17 120 SYN_SENT src=192.168.77.2 dst=10.77.0.2 sport=41001 dport=8000 "
                        + "src=10.77.0.2 dst=10.77.0.1 sport=8000 dport=41001",
                "[1795435412.223822]\t    [NEW] tcp      6 120 SYN_SENT src=192.168.77.2 dst=10.77.0.2 sport=41001 dport=8000",
                "[1795435412.223822]\t    [NEW] tcp      6 120 src=192.168.77.2 dst=10.77.0.2 sport=99999 dport=8000 "
                        + "src=10.77.0.2 dst=10.77.0.1 sport=8000 dport=41001",
                "[1795435412.223822]\t    [NEW] tcp      6 120 src=192.168.77.2 dst=10.77.0.2 sport=1 dport=2 "
                        + "src=10.77.0.2 dst=10.77.0.1 sport=2 dport=1 src=1.2.3.4",
                "[1795435412.223822]\t[DESTROY] udp      17 src=192.168.77.2 dst=10.77.0.2 sport=42003 dport=9999 packets=x bytes=68 "
                        + "src=10.77.0.2 dst=10.77.0.1 sport=9999 dport=42003 packets=0 bytes=0",
                "[1795435412.223822]\t    [NEW] tcp      6 120 src=300.168.77.2 dst=10.77.0.2 sport=1 dport=2 "
                        + "src=10.77.0.2 dst=10.77.0.1 sport=2 dport=1")) {
            assertThat(ConntrackLineParser.parse(line)).as(line).isNull();
        }
    }

    /** A few fixed seeds: the same cases every run, different ones from each other. */
    static Stream<Long> seeds() {
        return Stream.of(1L, 7L, 42L, 2026L);
    }

    /** Real lines cut at random places or with random bytes changed: an event or null, never an exception. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void damagedLinesNeverThrow(long seed) {
        Random random = new Random(seed);
        List<String> lines = Corpus.lines("conntrack/raw-events-all.txt");
        for (int i = 0; i < 2000; i++) {
            char[] line = lines.get(random.nextInt(lines.size())).toCharArray();
            int changes = random.nextInt(4);
            for (int c = 0; c < changes && line.length > 0; c++) line[random.nextInt(line.length)] = (char) (32 + random.nextInt(95));
            String text = new String(line, 0, random.nextBoolean() ? line.length : random.nextInt(line.length + 1));
            ConntrackEvent event = ConntrackLineParser.parse(text);
            if (event != null) assertThat(event.original().sourcePort()).isBetween(0, 65535);
        }
    }

    @Test
    void aConntrackThatDiesIsRestartedAsOftenAsAllowedThenGivenUp() throws Exception {
        Path starts = dir.resolve("starts");
        Path dying = script("dying.sh", "echo started >> '" + starts + "'\n"
                + "echo '[1795435412.223822]\t    [NEW] tcp      6 120 SYN_SENT src=192.168.77.2 dst=10.77.0.2 sport=41001 dport=8000 "
                + "[UNREPLIED] src=10.77.0.2 dst=10.77.0.1 sport=8000 dport=41001'\nexit 3\n");
        Collected notices = new Collected();
        List<String> lines = new ArrayList<>();
        boolean stopped = new ConntrackSource(List.of(dying.toString()), 2, notices).run(lines::add);
        assertThat(stopped).isFalse();
        assertThat(Files.readAllLines(starts)).hasSize(3);
        assertThat(lines).hasSize(3);
        assertThat(notices.events().stream().map(e -> ((Notice) e).text())).containsExactly(
                "`" + dying + "' ended with exit status 3: restart 1 of 2",
                "`" + dying + "' ended with exit status 3: restart 2 of 2",
                "`" + dying + "' ended with exit status 3 after 2 restarts: giving up");
    }

    @Test
    void aConntrackThatCannotStartIsReported() {
        Collected notices = new Collected();
        boolean stopped = new ConntrackSource(List.of(dir.resolve("missing").toString()), 0, notices).run(line -> { });
        assertThat(stopped).isFalse();
        assertThat(notices.events()).singleElement().extracting(e -> ((Notice) e).text()).asString()
                .startsWith("`" + dir.resolve("missing") + "' could not be started (").endsWith("): giving up");
    }

    /** As a user sees it: wirelog nat ends with status 1 and says why; what it had opened is logged as EOP. */
    @Test
    void theCommandEndsWithStatus1WhenConntrackCannotBeKeptRunning() throws Exception {
        Path dying = script("dying.sh", "echo '[1795435412.223822]\t    [NEW] tcp      6 120 SYN_SENT src=192.168.77.2 dst=10.77.0.2 "
                + "sport=41001 dport=8000 [UNREPLIED] src=10.77.0.2 dst=10.77.0.1 sport=8000 dport=41001'\nexit 1\n");
        var run = WirelogProcess.run(Duration.ofSeconds(30), "nat", "-c", "/dev/null", "--no-daemon", "--stdout", "--log", "off",
                "--no-bytes", "--conntrack-restart", "1", "--conntrack-command", dying.toString(), "conntrack");
        assertThat(run.exitCode()).isEqualTo(1);
        String tcp = "from 1795435412:223822 thru 1795435412:223822:  tcp 192.168.077.002,41001 (via: 010.077.000.001,41001) "
                + "to 010.077.000.002,8000;  (EOP)";
        assertThat(run.output().lines().toList()).containsExactly("processing: tcp",
                "Starting `" + dying + " -p tcp' (max 1 restarts)",
                "`" + dying + " -p tcp' ended with exit status 1: restart 1 of 1",
                "`" + dying + " -p tcp' ended with exit status 1 after 1 restarts: giving up",
                tcp,
                "NatFork::childProcess notifying RotatingStreambuf", "NatFork::childProcess ends", "monitoring conntrack ends");
    }
}
