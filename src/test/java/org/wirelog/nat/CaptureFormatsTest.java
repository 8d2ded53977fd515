package org.wirelog.nat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wirelog.cli.NatRun;
import org.wirelog.testing.PcapFrames;
import org.wirelog.testing.PcapWriter;
import org.wirelog.testing.PcapngWriter;

/**
 * Tcpdump mode reads pcapng (through libpcap) and classic pcap files of either byte order with
 * microsecond or nanosecond stamps (directly): the corpus captures in each form give the same lines.
 */
class CaptureFormatsTest {

    @TempDir
    Path dir;

    private interface Writer {
        void write(Path file, List<PcapFrames.Frame> frames) throws IOException;
    }

    private static List<String> connections(Path in, Path out) {
        NatRun run = NatRun.of("-c", "/dev/null", "--no-daemon", "--stdout", "--log", "off", "-P", "all",
                in.toString(), "192.168.77.1", "/24", out.toString(), "10.77.0.1", "/24");
        assertThat(run.exitCode()).isZero();
        return run.stdout().stream().filter(l -> l.startsWith("from ")).toList();
    }

    private List<String> connectionsWritten(String form, Writer writer) throws IOException {
        Path in = dir.resolve(form + "-in"), out = dir.resolve(form + "-out");
        writer.write(in, PcapFrames.of(Corpus.path("pcap/fwin.pcap")));
        writer.write(out, PcapFrames.of(Corpus.path("pcap/fwout.pcap")));
        return connections(in, out);
    }

    private static Writer pcap(ByteOrder order, boolean nanoseconds) {
        return (file, frames) -> {
            try (var w = new PcapWriter(file, PcapWriter.ETHERNET, order, nanoseconds)) {
                for (PcapFrames.Frame f : frames) w.frame(f.micros(), f.bytes());
            }
        };
    }

    @Test
    void everyFormGivesTheSameLines() throws IOException {
        List<String> original = connections(Corpus.path("pcap/fwin.pcap"), Corpus.path("pcap/fwout.pcap"));
        assertThat(original).hasSize(20);
        assertThat(connectionsWritten("big-endian", pcap(ByteOrder.BIG_ENDIAN, false))).isEqualTo(original);
        assertThat(connectionsWritten("nanoseconds", pcap(ByteOrder.LITTLE_ENDIAN, true))).isEqualTo(original);
        assertThat(connectionsWritten("pcapng", (file, frames) -> {
            try (var w = new PcapngWriter(file, PcapWriter.ETHERNET)) {
                for (PcapFrames.Frame f : frames) w.frame(f.micros(), f.bytes());
            }
        })).isEqualTo(original);
    }
}
