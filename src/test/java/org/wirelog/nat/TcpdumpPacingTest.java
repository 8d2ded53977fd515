package org.wirelog.nat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wirelog.format.natlog.Columns;
import org.wirelog.format.natlog.NatlogLineFormat;
import org.wirelog.format.natlog.TimeStyle;
import org.wirelog.model.Level;
import org.wirelog.output.Destination;
import org.wirelog.output.Log;
import org.wirelog.output.Output;

/**
 * Tcpdump mode reads a file, which can wait for the log writer: however far the writer falls behind, no line is
 * dropped (a live capture's lines are dropped and counted instead, lest the capture stall).
 */
class TcpdumpPacingTest {

    /** A destination slower than any reader: each line takes a millisecond. */
    private static final class SlowLines implements Destination {
        final List<String> lines = new ArrayList<>();

        @Override
        public synchronized void write(Level level, String message, String line) throws IOException {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                throw new InterruptedIOException();
            }
            lines.add(line);
        }

        @Override
        public void flush() {
        }

        @Override
        public String name() {
            return "slow";
        }

        @Override
        public void close() {
        }
    }

    private static List<String> connectionLines(int logCapacity) {
        SlowLines out = new SlowLines();
        var problems = new ByteArrayOutputStream();
        var format = new NatlogLineFormat(TimeStyle.RAW, ZoneOffset.UTC, Columns.ALL);
        try (Log log = new Log(List.of(Output.all(format, out)), new PrintStream(problems, true, StandardCharsets.UTF_8),
                logCapacity, Duration.ofSeconds(30))) {
            var logger = new NatLogger(log, log, ProtocolSelection.parse("all"), 0, text -> { }, false, () -> { });
            var addresses = new NatAddresses(NatAddresses.mask("192.168.77.1"), NatAddresses.mask("255.255.255.0"),
                    NatAddresses.mask("10.77.0.1"), NatAddresses.mask("255.255.255.0"));
            String in = Corpus.path("pcap/fwin.pcap").toString(), outside = Corpus.path("pcap/fwout.pcap").toString();
            int status = logger.tcpdump(Corpus.path("pcap/fwin.pcap"), Corpus.path("pcap/fwout.pcap"), addresses, false,
                    List.of(in, "192.168.77.1", "255.255.255.0", outside, "10.77.0.1", "255.255.255.0"));
            assertThat(status).isZero();
        }
        assertThat(problems.toString(StandardCharsets.UTF_8)).isEmpty();
        synchronized (out) {
            return out.lines.stream().filter(line -> line.startsWith("from ")).toList();
        }
    }

    @Test
    void aWriterFarBehindLosesNoLine() {
        List<String> roomy = connectionLines(Log.DEFAULT_CAPACITY);
        List<String> cramped = connectionLines(2);
        assertThat(roomy).hasSizeGreaterThan(10);
        assertThat(cramped).containsExactlyElementsOf(roomy);
        assertThat(cramped).noneMatch(line -> line.contains("dropped"));
    }
}
