package org.wirelog.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wirelog.testing.Packets.ethernet;
import static org.wirelog.testing.Packets.ip;
import static org.wirelog.testing.Packets.ipv4;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wirelog.cli.NatRun;
import org.wirelog.testing.Packets;
import org.wirelog.testing.PcapFrames;
import org.wirelog.testing.PcapWriter;

/** Tcpdump mode on captures that are damaged, of another link type, or hold IPv6 and fragments. */
class BadCaptureTest {

    private static final int INSIDE = ip(192, 168, 77, 2), FIREWALL = ip(10, 77, 0, 1), SERVER = ip(10, 77, 0, 2);

    @TempDir
    Path dir;

    private static NatRun tcpdumpMode(Path in, Path out) {
        return NatRun.of("-c", "/dev/null", "--no-daemon", "--stdout", "--log", "off", "-P", "all",
                in.toString(), "192.168.77.1", "/24", out.toString(), "10.77.0.1", "/24");
    }

    private static List<String> connections(NatRun run) {
        return run.stdout().stream().filter(l -> l.startsWith("from ")).toList();
    }

    @Test
    void aTruncatedCaptureIsReadUpToTheDamageWhichIsReportedWithStatus1() throws IOException {
        Path fwin = Corpus.path("pcap/fwin.pcap"), fwout = Corpus.path("pcap/fwout.pcap");
        byte[] whole = Files.readAllBytes(fwout);
        Path cut = Files.write(dir.resolve("cut.pcap"), Arrays.copyOf(whole, whole.length - 20));
        NatRun full = tcpdumpMode(fwin, fwout), damaged = tcpdumpMode(fwin, cut);
        assertThat(full.exitCode()).isZero();
        assertThat(damaged.exitCode()).isEqualTo(1);
        assertThat(damaged.stdout()).anyMatch(l -> l.startsWith(cut + ": truncated dump file"));
        // the outside file's last frame is a reply, which names no via: every flow is still logged, the same
        assertThat(connections(damaged)).containsExactlyInAnyOrderElementsOf(connections(full));
    }

    @Test
    void aFileCutInsideItsHeaderIsAnErrorNamingIt() throws IOException {
        Path cut = Files.write(dir.resolve("header.pcap"), Arrays.copyOf(Files.readAllBytes(Corpus.path("pcap/fwin.pcap")), 10));
        NatRun run = tcpdumpMode(cut, Corpus.path("pcap/fwout.pcap"));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(connections(run)).isEmpty();
        assertThat(run.stdout()).anyMatch(l -> l.startsWith(cut + ": "));
    }

    @Test
    void aLinkTypeWithoutIpIsRefusedByNumber() throws IOException {
        Path wifi = dir.resolve("wifi.pcap");
        try (var w = new PcapWriter(wifi, PcapWriter.IEEE802_11)) {
            w.frame(1_000_000, new byte[40]);
        }
        NatRun run = tcpdumpMode(wifi, Corpus.path("pcap/fwout.pcap"));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stdout()).contains(wifi + ": link-layer type 105 is not one that carries IP "
                + "(Ethernet, Linux cooked, raw IP, BSD loopback)");
    }

    @Test
    void rawIpCapturesGiveWhatTheEthernetOnesGive() throws IOException {
        Path in = dir.resolve("in-raw.pcap"), out = dir.resolve("out-raw.pcap");
        for (var pair : List.of(List.of(Corpus.path("pcap/fwin.pcap"), in), List.of(Corpus.path("pcap/fwout.pcap"), out))) {
            try (var w = new PcapWriter(pair.get(1), PcapWriter.RAW)) {
                for (PcapFrames.Frame f : PcapFrames.of(pair.get(0))) {
                    w.frame(f.micros(), Arrays.copyOfRange(f.bytes(), 14, f.bytes().length));
                }
            }
        }
        NatRun raw = tcpdumpMode(in, out), ethernet = tcpdumpMode(Corpus.path("pcap/fwin.pcap"), Corpus.path("pcap/fwout.pcap"));
        assertThat(raw.exitCode()).isZero();
        assertThat(connections(raw)).hasSize(20).containsExactlyInAnyOrderElementsOf(connections(ethernet));
    }

    /**
     * IPv6 is passed by (no line); an IPv4 udp datagram in two fragments is one flow counted whole, as
     * conntrack (which reassembles) counts it: one IP header, all the payload; a stray later fragment counts nowhere.
     */
    @Test
    void ipv6IsIgnoredAndFragmentsCountIntoTheirDatagram() throws IOException {
        byte[] datagram = Packets.udp(42001, 9000, new byte[3000]); // 3008 bytes after the IP header
        byte[] first = Arrays.copyOfRange(datagram, 0, 1480), rest = Arrays.copyOfRange(datagram, 1480, datagram.length);
        byte[] reply = Packets.udp(9000, 42001, new byte[100]);
        byte[] v6Syn = Packets.ipv6(Packets.TCP, new byte[0], Packets.tcp(41000, 80, 1, 0, 0x02, 0));
        Path in = dir.resolve("in.pcap"), out = dir.resolve("out.pcap");
        long t = 1_700_000_000_000_000L;
        try (var w = new PcapWriter(in, PcapWriter.ETHERNET)) {
            w.frame(t, ethernet(v6Syn));
            w.frame(t + 10, ethernet(ipv4(Packets.UDP, INSIDE, SERVER, 7, true, 0, 0, first)));
            w.frame(t + 11, ethernet(ipv4(Packets.UDP, INSIDE, SERVER, 7, false, 1480, 0, rest)));
            w.frame(t + 12, ethernet(ipv4(Packets.UDP, INSIDE, SERVER, 99, false, 1480, 0, rest))); // no first fragment
            w.frame(t + 31, ethernet(ipv4(Packets.UDP, SERVER, INSIDE, reply)));
        }
        try (var w = new PcapWriter(out, PcapWriter.ETHERNET)) {
            w.frame(t + 1, ethernet(v6Syn));
            w.frame(t + 20, ethernet(ipv4(Packets.UDP, FIREWALL, SERVER, 7, true, 0, 0, first)));
            w.frame(t + 21, ethernet(ipv4(Packets.UDP, FIREWALL, SERVER, 7, false, 1480, 0, rest)));
            w.frame(t + 30, ethernet(ipv4(Packets.UDP, SERVER, FIREWALL, reply)));
        }
        NatRun run = tcpdumpMode(in, out);
        assertThat(run.exitCode()).isZero();
        assertThat(connections(run)).containsExactly("from 1700000000:000010 thru 1700000000:000031:  udp 192.168.077.002,42001 "
                + "(via: 010.077.000.001,42001) to 010.077.000.002,9000;  sent:       3028, received:        128");
    }
}
