package org.wirelog.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wirelog.testing.Packets.ethernet;
import static org.wirelog.testing.Packets.ip;
import static org.wirelog.testing.Packets.ipv4;
import static org.wirelog.testing.Packets.udp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wirelog.cli.NatRun;
import org.wirelog.testing.Packets;
import org.wirelog.testing.PcapWriter;

/**
 * The firewall forgets a udp translation (its conntrack entry expires, here after 1 s) while wirelog still holds
 * the flow open for its ttl, and hands the same outside port to a second inside host: the second flow must get
 * its via too, not be taken for a packet of the first.
 */
class ReusedOutsidePortTest {

    private static final int HOST1 = ip(192, 168, 77, 2), HOST2 = ip(192, 168, 77, 3);
    private static final int FIREWALL = ip(10, 77, 0, 1), SERVER = ip(10, 77, 0, 2);
    private static final long T = 1_700_000_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void aSecondHostGivenTheSameOutsidePortIsLoggedWithItsVia() throws IOException {
        byte[] first = udp(42001, 9000, "first host".getBytes(StandardCharsets.US_ASCII));
        byte[] second = udp(42001, 9000, "the second host".getBytes(StandardCharsets.US_ASCII));
        Path in = dir.resolve("in.pcap"), out = dir.resolve("out.pcap");
        try (var w = new PcapWriter(in, PcapWriter.ETHERNET)) {
            w.frame(T, ethernet(ipv4(Packets.UDP, HOST1, SERVER, first)));
            w.frame(T + 2_000_000, ethernet(ipv4(Packets.UDP, HOST2, SERVER, second)));
        }
        try (var w = new PcapWriter(out, PcapWriter.ETHERNET)) {
            w.frame(T + 10, ethernet(ipv4(Packets.UDP, FIREWALL, SERVER, first)));
            w.frame(T + 2_000_010, ethernet(ipv4(Packets.UDP, FIREWALL, SERVER, second)));
        }
        NatRun run = NatRun.of("-c", "/dev/null", "--no-daemon", "--stdout", "--log", "off", "-P", "all",
                in.toString(), "192.168.77.1", "/24", out.toString(), "10.77.0.1", "/24");
        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout().stream().filter(l -> l.startsWith("from ")).toList()).containsExactlyInAnyOrder(
                "from 1700000000:000000 thru 1700000000:000000:  udp 192.168.077.002,42001 (via: 010.077.000.001,42001) "
                        + "to 010.077.000.002,9000;  sent:         38, received:          0",
                "from 1700000002:000000 thru 1700000002:000000:  udp 192.168.077.003,42001 (via: 010.077.000.001,42001) "
                        + "to 010.077.000.002,9000;  sent:         43, received:          0");
    }
}
