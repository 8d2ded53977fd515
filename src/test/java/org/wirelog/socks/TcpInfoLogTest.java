package org.wirelog.socks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.wirelog.testing.EchoTarget;
import org.wirelog.testing.Eventually;
import org.wirelog.testing.SocksBindClient;
import org.wirelog.testing.SocksClient;

/** {@code log: tcpinfo} on a real session: Dante's four TCP_INFO blocks (REPORT 4.25), with the kernel's values. */
class TcpInfoLogTest {

    @RegisterExtension
    static final EchoTarget ECHO = new EchoTarget();

    @TempDir
    Path dir;

    private static final List<String> NAMES = List.of("tcpi_state", "tcpi_ca_state", "tcpi_retransmits", "tcpi_probes",
            "tcpi_backoff", "tcpi_options", "tcpi_snd_wscale", "tcpi_rcv_wscale", "tcpi_rto", "tcpi_ato", "tcpi_snd_mss",
            "tcpi_rcv_mss", "tcpi_unacked", "tcpi_sacked", "tcpi_lost", "tcpi_retrans", "tcpi_fackets", "",
            "tcpi_last_data_sent", "tcpi_last_ack_sent", "tcpi_last_data_recv", "tcpi_last_ack_recv", "", "tcpi_pmtu",
            "tcpi_rcv_ssthresh", "tcpi_rtt", "tcpi_rttvar", "tcpi_snd_ssthresh", "tcpi_snd_cwnd", "tcpi_advmss",
            "tcpi_reordering", "tcpi_rcv_rtt", "tcpi_rcv_space", "", "tcpi_total_retrans");

    /** One printed line with the block under it: the field name to its text after {@code ": "}. */
    private record Block(String line, List<String> rows) {

        String value(String name) {
            return rows.stream().filter(r -> r.startsWith(name + " ")).findFirst().orElseThrow()
                    .substring(23);
        }
    }

    @Test
    void everyPrintedTcpLineCarriesTheBlockOfItsSockets() throws Exception {
        try (RunningServer server = RunningServer.start(RunningServer.config("",
                "client pass { from: 127.0.0.0/8 to: 0.0.0.0/0 log: connect disconnect tcpinfo }",
                "socks pass { from: 127.0.0.0/8 to: 0.0.0.0/0 log: connect disconnect tcpinfo }"), dir)) {
            SocksClient.Result result = SocksClient.via(server.address()).target("127.0.0.1", ECHO.port())
                    .payload(new byte[1000]).run();
            assertThat(result.received()).isEqualTo(1000);
            Eventually.await("the accept line's end", Duration.ofSeconds(10),
                    () -> lines(server).stream().anyMatch(l -> l.startsWith("pass(1): tcp/accept ]:")));

            List<Block> blocks = blocks(lines(server));
            assertThat(blocks).extracting(b -> b.line().substring(0, 22)).containsExactly(
                    "pass(1): tcp/accept [:", "pass(1): tcp/connect [", "pass(1): tcp/connect ]", "pass(1): tcp/accept ]:");
            for (Block block : blocks) {
                assertThat(block.rows()).extracting(r -> r.isEmpty() ? "" : r.substring(0, 21).strip()).isEqualTo(NAMES);
                assertThat(block.rows()).filteredOn(r -> !r.isEmpty()).allMatch(r -> r.charAt(21) == ':');
            }
            // [: of the accept: the client's socket alone, established
            assertThat(blocks.get(0).value("tcpi_state")).isEqualTo("1 (ESTABLISHED)");
            assertThat(blocks.get(0).rows()).noneMatch(r -> r.contains("<->"));
            // [: of the connect: client <-> target, both established and measured
            assertThat(blocks.get(1).value("tcpi_state")).isEqualTo("1 (ESTABLISHED) <-> 1 (ESTABLISHED)");
            assertThat(blocks.get(1).value("tcpi_ca_state")).isEqualTo("0 (TCP_CA_Open) <-> 0 (TCP_CA_Open)");
            for (String side : blocks.get(1).value("tcpi_rtt").split(" <-> ")) assertThat(Long.parseLong(side)).isPositive();
            // ]: after 1000 bytes each way: nothing left unacknowledged, nothing retransmitted on loopback
            Block end = blocks.get(2);
            assertThat(end.value("tcpi_unacked")).isEqualTo("0 <-> 0");
            assertThat(end.value("tcpi_total_retrans")).isEqualTo("0 <-> 0");
            assertThat(end.value("tcpi_state")).doesNotContain("ESTABLISHED <->"); // the client had closed
            // the accept's end shows the same two sockets as the connect's end, as Dante does
            assertThat(blocks.get(3).rows()).isEqualTo(end.rows());
        }
    }

    /** A bindreply session relays TCP between two sockets as a connect does: its lines carry their blocks too. */
    @Test
    void theBindreplyLinesCarryTheBlockOfTheirSockets() throws Exception {
        try (RunningServer server = RunningServer.start(RunningServer.config("",
                "client pass { from: 127.0.0.0/8 to: 0.0.0.0/0 log: connect disconnect }",
                "socks pass { from: 127.0.0.0/8 to: 0.0.0.0/0 log: connect disconnect tcpinfo }"), dir)) {
            SocksBindClient.Result result = SocksBindClient.via(server.address()).expect("127.0.0.2", 0)
                    .remoteFrom(java.net.InetAddress.ofLiteral("127.0.0.2")).run();
            assertThat(result.second()).isZero();
            server.awaitLine("tcp/accept ]:");

            List<Block> blocks = blocks(lines(server));
            assertThat(blocks).extracting(b -> b.line().substring(0, 25))
                    .containsExactly("pass(1): tcp/bindreply [:", "pass(1): tcp/bindreply ]:");
            for (Block block : blocks) {
                assertThat(block.rows()).extracting(r -> r.isEmpty() ? "" : r.substring(0, 21).strip()).isEqualTo(NAMES);
            }
            // remote peer <-> client, both established when the reply session opens
            assertThat(blocks.get(0).value("tcpi_state")).isEqualTo("1 (ESTABLISHED) <-> 1 (ESTABLISHED)");
            assertThat(blocks.get(1).value("tcpi_unacked")).isEqualTo("0 <-> 0");
        }
    }

    @Test
    void withoutTheKeywordNoBlock() throws Exception {
        try (RunningServer server = RunningServer.start(RunningServer.config("",
                "client pass { from: 127.0.0.0/8 to: 0.0.0.0/0 log: connect disconnect }",
                "socks pass { from: 127.0.0.0/8 to: 0.0.0.0/0 log: connect disconnect }"), dir)) {
            SocksClient.via(server.address()).target("127.0.0.1", ECHO.port()).payload(new byte[10]).run();
            Eventually.await("the accept line's end", Duration.ofSeconds(10),
                    () -> lines(server).stream().anyMatch(l -> l.startsWith("pass(1): tcp/accept ]:")));
            assertThat(lines(server)).hasSize(4).noneMatch(l -> l.contains("TCP_INFO"));
        }
    }

    private static List<String> lines(RunningServer server) {
        try {
            return server.lines();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<Block> blocks(List<String> lines) {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).equals("TCP_INFO:")) continue;
            blocks.add(new Block(lines.get(i - 1), lines.subList(i + 1, i + 1 + NAMES.size())));
        }
        return blocks;
    }
}
