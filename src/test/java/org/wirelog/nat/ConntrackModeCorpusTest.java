package org.wirelog.nat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.time.ZoneOffset;
import org.wirelog.format.natlog.Columns;
import org.wirelog.format.natlog.NatlogLineFormat;
import org.wirelog.format.natlog.NatlogTableFormat;
import org.wirelog.format.natlog.TimeStyle;
import org.wirelog.model.EndReason;
import org.wirelog.model.Event;
import org.wirelog.model.EventSink;
import org.wirelog.model.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conntrack mode fed with exactly what natlog 3.00.01 read from conntrack (recorded by the reference
 * lab), through a stand-in conntrack program: the same connection lines as natlog, in the same order,
 * the connection still open at the end as EOP. One line more: natlog lost I2, whose icmp identifier
 * (4660, inside) it confused with I1's.
 */
class ConntrackModeCorpusTest {

    private static final String I2 = "from 1795435421:795763 thru 1795435427:319599: icmp 192.168.077.003       (via: 010.077.000.001)"
            + "       to 010.077.000.002;       sent:        256, received:        256";
    private static final String I2_NO_BYTES = "from 1795435465:182388 thru 1795435471:005948: icmp 192.168.077.003       (via: 010.077.000.001)"
            + "       to 010.077.000.002;      ";

    @TempDir
    Path dir;

    private Path fakeConntrack(String input) throws IOException {
        Path script = dir.resolve("conntrack.sh");
        Files.writeString(script, "#!/bin/sh\nexec cat '" + Corpus.path(input) + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    /**
     * The recorded input through the real conntrack source (a stand-in program that prints it and
     * ends, no restart) and tracker; what is open at the end is logged as EOP, as at natlog's SIGTERM.
     */
    private List<String> run(String input, Columns columns, Path csv) throws Exception {
        Path script = fakeConntrack(input);
        var lines = new NatlogLineFormat(TimeStyle.RAW, ZoneOffset.UTC, columns);
        var table = new NatlogTableFormat(columns);
        List<String> out = new ArrayList<>();
        List<String> rows = new ArrayList<>(List.of(table.header()));
        EventSink sink = event -> {
            String line = lines.message(event);
            if (line != null && event instanceof Event.SessionClosed) out.add(line);
            String row = table.message(event);
            if (row != null) rows.add(row);
        };
        var tracker = new ConntrackTracker(EnumSet.allOf(Protocol.class), 0, sink);
        boolean stopped = new ConntrackSource(List.of(script.toString()), 0, EventSink.DISCARD).run(line -> {
            ConntrackEvent event = ConntrackLineParser.parse(line);
            if (event != null) tracker.accept(event, 0);
        });
        assertThat(stopped).as("the stand-in ended and was not restarted").isFalse();
        tracker.finish(EndReason.of(EndReason.Kind.SHUTDOWN));
        if (csv != null) Files.write(csv, rows);
        return out;
    }

    private static List<String> connections(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("from ")).toList();
    }

    /** natlog's lines with the one it lost put where its DESTROY came. */
    private static List<String> withI2(List<String> natlog, String i1Marker, String i2) {
        List<String> expected = new ArrayList<>(natlog);
        int i1 = expected.indexOf(expected.stream().filter(l -> l.contains(i1Marker)).findFirst().orElseThrow());
        expected.add(i1 + 1, i2);
        return expected;
    }

    @Test
    void countsAndTimesAreConntracks() throws Exception {
        Path csv = dir.resolve("A.csv");
        List<String> ours = run("conntrack/A-all-raw.input.txt", Columns.ALL, csv);
        assertThat(ours).isEqualTo(withI2(connections(Corpus.lines("conntrack/A-all-raw.stdout")), "thru 1795435427:319578", I2));
        List<String> rows = Files.readAllLines(csv);
        List<String> natlogRows = Corpus.lines("conntrack/A-all-raw.csv");
        assertThat(rows).hasSize(natlogRows.size() + 1).containsAll(natlogRows);
        assertThat(rows).contains("icmp, 3232255235, 192.168.077.003,       0,  172818434, 010.077.000.002,       0,  172818433, "
                + "010.077.000.001,       0,        256,        256, 1795435421, 1795435427, Nov 23 12:03:41:795763, Nov 23 12:03:47:319599,         ok");
    }

    @Test
    void withoutByteCountsAsNatlogWritesThem() throws Exception {
        List<String> ours = run("conntrack/B-nobytes.input.txt", new Columns(false, true, true), null);
        List<String> natlog = connections(Corpus.lines("conntrack/B-nobytes.stdout"));
        assertThat(ours).isEqualTo(withI2(natlog, "thru 1795435469:980086", I2_NO_BYTES));
    }
}
