package org.wirelog.nat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wirelog.testing.DevLogReceiver;
import org.wirelog.testing.WirelogProcess;

/**
 * natlog's default log, syslog, with its facility, priority and tag from the command line, from natlog.conf, and
 * by default: tcpdump mode on the corpus capture, received on a /dev/log the test owns. Every message carries
 * PRI = facility * 8 + priority and the bare tag ({@code NATLOG:}, no pid: natlog's manual filters on
 * {@code :syslogtag, isequal, "NATLOG:"}), and the messages are exactly the lines a {@code --log FILE} run
 * writes, status lines included, as natlog sends the same stream to either. Where natlog 3.00.01 differs (seen
 * with the same receiver): it takes facility names in capitals only and ignores {@code --syslog-priority}
 * altogether (always NOTICE); wirelog takes any case and honours the priority.
 */
class NatSyslogTest {

    @TempDir
    Path dir;

    record Variant(String name, String conf, List<String> options, int pri, String tag) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Variant> variants() {
        return Stream.of(
                // local3 = 19, warning = 4
                new Variant("options", "", List.of("--syslog-facility", "local3", "--syslog-priority", "warning", "--syslog-tag", "NLTEST"),
                        19 * 8 + 4, "NLTEST"),
                // local5 = 21, err = 3
                new Variant("natlog.conf", "syslog-facility: LOCAL5\nsyslog-priority: ERR\nsyslog-tag: NLCONF\n", List.of(), 21 * 8 + 3, "NLCONF"),
                // daemon = 3, notice = 5
                new Variant("defaults", "", List.of(), 3 * 8 + 5, "NATLOG"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void connectionAndStatusLinesReachSyslogWithThePriorityAndTagAsked(Variant v) throws Exception {
        Path conf = dir.resolve("natlog.conf");
        Files.writeString(conf, v.conf());
        Path file = dir.resolve("file.log");
        assertThat(run(List.of(), conf, List.of("--log", file.toString()))).isZero();
        List<String> expected = Files.readAllLines(file);
        assertThat(expected).anyMatch(l -> l.startsWith("from ")).anyMatch(l -> l.startsWith("starting reading packets"));

        List<String> received;
        try (DevLogReceiver devLog = DevLogReceiver.start(dir)) {
            assertThat(run(devLog.wrapper(), conf, v.options())).isZero();
            received = devLog.messages();
        }
        Pattern shape = Pattern.compile("<(\\d+)>[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d (\\S+): (.*)");
        List<String> texts = new ArrayList<>();
        for (String message : received) {
            Matcher m = shape.matcher(message);
            assertThat(m.matches()).as(message).isTrue();
            assertThat(Integer.parseInt(m.group(1))).as(message).isEqualTo(v.pri());
            assertThat(m.group(2)).as(message).isEqualTo(v.tag());
            texts.add(m.group(3));
        }
        assertThat(texts).isEqualTo(expected);
    }

    /** natlog 3.00.01 warns and falls back to DAEMON for a name it does not know, and ignores the priority; we refuse. */
    @Test
    void anUnknownFacilityOrPriorityIsAClearError() throws Exception {
        var facility = WirelogProcess.run(Duration.ofSeconds(30), "nat", "-c", "/dev/null", "--no-daemon", "--syslog-facility", "local9",
                "/dev/null", "10.0.0.1", "255.0.0.0", "/dev/null", "10.0.0.2", "255.0.0.0");
        assertThat(facility.exitCode()).isEqualTo(1);
        assertThat(facility.output()).contains("wirelog nat: unknown syslog facility `local9' (one of KERN,").contains("LOCAL7)");
        var priority = WirelogProcess.run(Duration.ofSeconds(30), "nat", "-c", "/dev/null", "--no-daemon", "--syslog-priority", "loud",
                "/dev/null", "10.0.0.1", "255.0.0.0", "/dev/null", "10.0.0.2", "255.0.0.0");
        assertThat(priority.exitCode()).isEqualTo(1);
        assertThat(priority.output()).contains("wirelog nat: unknown syslog priority `loud' (one of EMERG, ALERT, CRIT, ERR, WARNING, NOTICE, INFO, DEBUG)");
    }

    /** tcpdump mode on the corpus capture in the foreground, with the log options given; its exit code. */
    private int run(List<String> wrapper, Path conf, List<String> logOptions) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("nat", "-c", conf.toString(), "--no-daemon", "-P", "all"));
        args.addAll(logOptions);
        args.addAll(List.of(Corpus.path("pcap/fwin.pcap").toString(), "192.168.77.1", "255.255.255.0",
                Corpus.path("pcap/fwout.pcap").toString(), "10.77.0.1", "255.255.255.0"));
        ProcessBuilder builder = WirelogProcess.builder(args.toArray(String[]::new));
        List<String> command = new ArrayList<>(wrapper);
        command.addAll(builder.command());
        Process process = builder.command(command).redirectErrorStream(true).redirectOutput(dir.resolve("output.txt").toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("wirelog nat did not finish: " + Files.readString(dir.resolve("output.txt")));
        }
        return process.exitValue();
    }
}
