package org.wirelog.nat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wirelog.sys.PidFile;
import org.wirelog.testing.WirelogProcess;

/**
 * {@code wirelog nat} as a real process, ended by real signals: conntrack mode reading what natlog
 * read in the reference lab (round B, {@code --no-bytes}, so that no test touches the host's
 * conntrack settings), from a stand-in conntrack program that prints it and then waits as conntrack
 * does. Its stdout must be natlog's, line for line, up to the last words after the signal.
 */
class NatProcessTest {

    /** The flow natlog 3.00.01 lost (see ConntrackModeCorpusTest): written after I1's DESTROY. */
    private static final String I2 = "from 1795435465:182388 thru 1795435471:005948: icmp 192.168.077.003       (via: 010.077.000.001)"
            + "       to 010.077.000.002;      ";
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    /** Prints the recorded lines, then waits to be ended, as conntrack -E does. */
    private Path standInConntrack() throws IOException {
        Path script = dir.resolve("conntrack.sh");
        Files.writeString(script, "#!/bin/sh\ncat '" + Corpus.path("conntrack/B-nobytes.input.txt") + "'\nexec sleep 600\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private List<String> arguments(String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("nat", "-c", "/dev/null", "-P", "all", "--no-bytes",
                "--conntrack-command", standInConntrack().toString()));
        args.addAll(List.of(more));
        args.add("conntrack");
        return args;
    }

    /** natlog's stdout of round B, with this run's conntrack command and the line natlog lost, and the signal given. */
    private List<String> natlogsLines(String signalLine) throws IOException {
        List<String> expected = new ArrayList<>();
        for (String line : Corpus.lines("conntrack/B-nobytes.stdout")) {
            if (line.startsWith("Starting `")) {
                line = "Starting `" + standInConntrack() + "' (max 10 restarts)";
            }
            expected.add(line.equals("received signal 15 (SIGTERM)") ? signalLine : line);
            if (line.contains("thru 1795435469:980086")) expected.add(I2);
        }
        return expected;
    }

    private static void await(String what, Predicate<Void> condition) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!condition.test(null)) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static boolean hasLines(Path file, int connections) {
        try {
            return Files.exists(file) && Files.readAllLines(file).stream().filter(l -> l.startsWith("from ")).count() >= connections;
        } catch (IOException e) {
            return false;
        }
    }

    /** All DESTROYs of round B are written (18 lines and I2) before the signal comes. */
    private static final int CLOSED_FLOWS = 19;

    private void endsWithNatlogsLastLines(List<String> wrapper, String signal, String signalLine) throws Exception {
        Path log = dir.resolve("nat.log");
        List<String> args = arguments("--no-daemon", "--stdout", "--log", log.toString());
        try (WirelogProcess nat = WirelogProcess.startWrapped(wrapper, args.toArray(String[]::new))) {
            await("the closed flows", x -> hasLines(log, CLOSED_FLOWS));
            nat.signal(signal);
            assertThat(nat.waitFor(LIMIT)).as(nat.stderr()).isZero();
            List<String> expected = natlogsLines(signalLine);
            assertThat(nat.stdout()).isEqualTo(expected);
            assertThat(Files.readAllLines(log)).as("the log file gets the same lines").isEqualTo(expected);
        }
    }

    @Test
    void sigtermWritesWhatIsOpenAsEopAndNatlogsLastLines() throws Exception {
        endsWithNatlogsLastLines(List.of(), "TERM", "received signal 15 (SIGTERM)");
    }

    /**
     * A shell without job control starts background commands with SIGINT ignored, and the JVM then
     * leaves it ignored; the wrapper gives wirelog the default disposition, as a terminal would.
     */
    @Test
    void sigintDoesTheSame() throws Exception {
        List<String> defaultSigint = List.of("python3", "-c",
                "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])");
        endsWithNatlogsLastLines(defaultSigint, "INT", "received signal 2 (SIGINT)");
    }

    /** Daemon start (the parent returns once the child runs), --rotate, --rotate-data, --terminate. */
    @Test
    void daemonRotatesAndTerminates() throws Exception {
        Path log = dir.resolve("nat.log"), data = dir.resolve("nat.csv"), pid = dir.resolve("nat.pid");
        List<String> daemonArgs = arguments("--log", log.toString(), "--log-data", data.toString(), "--pid-file", pid.toString());
        var started = WirelogProcess.run(LIMIT, daemonArgs.toArray(String[]::new));
        assertThat(started.exitCode()).as(started.output()).isZero();
        assertThat(started.output()).isEmpty();
        OptionalLong daemon = PidFile.read(pid);
        assertThat(daemon).isPresent();
        try {
            assertThat(ProcessHandle.of(daemon.getAsLong()).map(ProcessHandle::isAlive)).contains(true);
            await("the closed flows", x -> hasLines(log, CLOSED_FLOWS));
            await("the table rows", x -> lineCount(data) == CLOSED_FLOWS + 1);

            var rotate = WirelogProcess.run(LIMIT, "nat", "-c", "/dev/null", "--pid-file", pid.toString(), "--rotate", "--rotate-data");
            assertThat(rotate.exitCode()).as(rotate.output()).isZero();
            await("the rotated files", x -> Files.exists(dir.resolve("nat.log.1")) && Files.exists(dir.resolve("nat.csv.1"))
                    && lineCount(data) == 1);

            var terminate = WirelogProcess.run(LIMIT, "nat", "-c", "/dev/null", "--pid-file", pid.toString(), "--terminate");
            assertThat(terminate.exitCode()).as(terminate.output()).isZero();
            assertThat(ProcessHandle.of(daemon.getAsLong()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        } finally {
            daemon.ifPresent(p -> ProcessHandle.of(p).ifPresent(ProcessHandle::destroyForcibly));
        }
        assertThat(pid).doesNotExist();
        List<String> expected = natlogsLines("received signal 15 (SIGTERM)");
        int split = expected.indexOf("received signal 15 (SIGTERM)");
        assertThat(Files.readAllLines(dir.resolve("nat.log.1"))).isEqualTo(expected.subList(0, split));
        assertThat(Files.readAllLines(log)).isEqualTo(expected.subList(split, expected.size()));
        assertThat(Files.readAllLines(dir.resolve("nat.csv.1"))).hasSize(CLOSED_FLOWS + 1);
        List<String> table = Files.readAllLines(data);
        assertThat(table).hasSize(2);
        assertThat(table.getFirst()).isEqualTo(Corpus.lines("conntrack/B-nobytes.csv").getFirst());
        assertThat(table.get(1)).contains("41006").endsWith("eop");
    }

    private static long lineCount(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).size() : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
