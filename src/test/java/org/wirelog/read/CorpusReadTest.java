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
import org.wirelog.model.Command;
import org.wirelog.read.Record.Connection;

/**
 * The real logs of the reference labs read without one unreadable line: every Dante 1.4.2 log (prefix,
 * tcpinfo and debug blocks included), and natlog 3.00.01's outputs (lines in all time forms, tables with
 * all option variants, conntrack -E input). The natlog corpus is the one the nat tests already carry.
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
