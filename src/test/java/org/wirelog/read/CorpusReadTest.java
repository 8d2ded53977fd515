package org.wirelog.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.wirelog.model.Command;
import org.wirelog.read.Record.Connection;

/**
 * The real logs of the reference labs read without one unreadable line: every Dante 1.4.2 log (prefix,
 * tcpinfo and debug blocks included), and natlog 3.00.01's outputs (lines in all time forms, tables with
 * all option variants, conntrack -E input). The natlog corpus is the one the nat tests already carry. The
 * IPv6 conntrack lines were captured from conntrack 1.4.7 ({@code -E}, {@code -E -o timestamp}, {@code -E -o
 * extended,timestamp}) on a firewall namespace with nft ip6 masquerade: one TCP connection (socat) and one UDP
 * datagram from fd00::2 to fd01::2, masqueraded to fd01::1, then {@code conntrack -D}.
 */
class CorpusReadTest {

    static Stream<String> danteLogs() throws IOException, URISyntaxException {
        Path dir = Path.of(CorpusReadTest.class.getResource("dante").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> "dante/" + p.getFileName()).sorted().toList().stream();
        }
    }

    static Stream<String> natlogOutputs() throws IOException, URISyntaxException {
        List<String> names = new ArrayList<>();
        for (String mode : List.of("tcpdump", "conntrack")) {
            Path dir = Path.of(CorpusReadTest.class.getResource("/org/wirelog/nat/" + mode).toURI());
            try (Stream<Path> files = Files.list(dir)) {
                files.map(p -> p.getFileName().toString())
                        .filter(n -> n.endsWith(".stdout") || n.endsWith(".csv") || n.endsWith(".log") || n.startsWith("raw-")
                                || n.endsWith(".input.txt"))
                        .filter(n -> !n.startsWith("help") && !n.startsWith("version") && !n.startsWith("missing-file")
                                && !n.startsWith("no-syslog-option"))
                        .forEach(n -> names.add("/org/wirelog/nat/" + mode + "/" + n));
            }
        }
        return names.stream().sorted();
    }

    @ParameterizedTest
    @MethodSource({"danteLogs", "natlogOutputs"})
    void readsWithoutUnreadableLines(String resource) throws IOException {
        Read read = read(resource);
        assertThat(read.problems).as(resource).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ipv6-plain", "ipv6-timestamp", "ipv6-extended-timestamp"})
    void conntrackIpv6LinesPairIntoTranslations(String name) throws IOException {
        Read read = read("conntrack/" + name + ".txt");
        assertThat(read.problems).isEmpty();
        boolean timed = !name.equals("ipv6-plain");
        assertThat(read.connections()).extracting(c -> c.kind() + " " + c.session().protocol().word() + " " + c.inside() + " via "
                        + c.outside() + " to " + c.session().target() + " " + c.traffic().client().read() + "/" + c.traffic().client().written()
                        + " " + c.status() + (timed ? " " + c.begin() + " " + c.end() : ""))
                .containsExactly(
                        "CONNTRACK tcp fd00::2.54366 via fd01::1.54366 to fd01::2.8000 446/299 destroyed"
                                + (timed ? name.equals("ipv6-timestamp") ? " 2026-11-23T17:11:21.179070Z 2026-11-23T17:11:22.350943Z"
                                        : " 2026-11-23T17:11:21.179217Z 2026-11-23T17:11:22.354022Z" : ""),
                        "CONNTRACK udp fd00::2.49242 via fd01::1.49242 to fd01::2.9000 50/0 destroyed"
                                + (timed ? name.equals("ipv6-timestamp") ? " 2026-11-23T17:11:21.267281Z 2026-11-23T17:11:22.351072Z"
                                        : " 2026-11-23T17:11:21.267400Z 2026-11-23T17:11:22.354410Z" : ""));
    }

    @Test
    void danteSessionsAreRebuiltWithTheirUser() throws IOException {
        Read read = read("dante/socks5-username.log");
        Connection connect = read.connections().stream().filter(c -> c.session().command() == Command.CONNECT).findFirst().orElseThrow();
        assertThat(connect.session().client().identity().user()).isEqualTo("dantelab");
        assertThat(connect.end()).isAfterOrEqualTo(connect.begin());
        assertThat(connect.status()).isEqualTo("local client closed");
    }

    record Read(List<Record> records, List<Problem> problems) {
        List<Connection> connections() {
            return records.stream().filter(r -> r instanceof Connection).map(r -> (Connection) r).toList();
        }
    }

    static Read read(String resource) throws IOException {
        List<Record> records = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        LogReader reader = new LogReader(new ReadOptions(2026, ZoneOffset.UTC, null), records::add, problems::add);
        try (var in = new LogLines(CorpusReadTest.class.getResourceAsStream(resource))) {
            reader.read(resource, in);
        }
        reader.finish();
        return new Read(records, problems);
    }
}
