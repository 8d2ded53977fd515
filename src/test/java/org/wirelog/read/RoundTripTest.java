package org.wirelog.read;

import java.nio.charset.StandardCharsets;
import java.io.ByteArrayInputStream;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wirelog.format.dante.DanteFormat;
import org.wirelog.format.ipprot.ConnectionLogFormat;
import org.wirelog.format.ipprot.Template;
import org.wirelog.format.natlog.Columns;
import org.wirelog.format.natlog.NatlogFields;
import org.wirelog.format.natlog.NatlogLineFormat;
import org.wirelog.format.natlog.NatlogStatus;
import org.wirelog.format.natlog.NatlogTableFormat;
import org.wirelog.format.natlog.TimeStyle;
import org.wirelog.model.Command;
import org.wirelog.model.EndReason;
import org.wirelog.model.Endpoint;
import org.wirelog.model.Event;
import org.wirelog.model.Identity;
import org.wirelog.model.LinkCounters;
import org.wirelog.model.Protocol;
import org.wirelog.model.Session;
import org.wirelog.model.Traffic;
import org.wirelog.model.Verdict;
import org.wirelog.read.Record.Connection;

/**
 * Event -> each of wirelog's writers -> {@link LogReader} -> the same record, for seeded random sessions:
 * Dante's traffic log (sessions interleaved, refused ones among them), natlog's line (every time style) and
 * table, ipprotd's connection log; natlog 2.03's line and table shapes; conntrack NEW/DESTROY pairing.
 */
class RoundTripTest {

    private static final int YEAR = 2026;
    private static final Instant T0 = Instant.parse(YEAR + "-01-02T00:00:00Z");

    static Stream<Long> seeds() {
        return Stream.of(1L, 2L, 3L, 1795434964L);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void danteSessionsInterleavedReadBackAsTheyWereWritten(long seed) throws IOException {
        Random r = new Random(seed);
        DanteFormat dante = new DanteFormat("wirelog", 42, ZoneOffset.UTC);
        List<Connection> expected = new ArrayList<>();
        List<String> opening = new ArrayList<>(), closing = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Session s = session(r, i);
            Instant end = s.begin().plusNanos(r.nextLong(100_000_000_000L) / 1000 * 1000);
            if (r.nextInt(8) == 0) {
                // refused: one closing line with a block verdict, no opening line, no counters
                Session refused = new Session(s.id(), s.protocol(), s.command(), Verdict.block(r.nextInt(9)), s.client(), s.internal(),
                        s.external(), null, null, s.target(), end);
                closing.add(line(dante, new Event.SessionRefused(end, refused, "Connection refused")));
                expected.add(new Connection(null, LogKind.DANTE, refused, end, null, "Connection refused", true));
                continue;
            }
            Traffic traffic = new Traffic(LinkCounters.bytes(r.nextLong(1L << 40), r.nextInt(1 << 20)),
                    LinkCounters.bytes(r.nextInt(1 << 20), r.nextLong(1L << 40)));
            EndReason reason = r.nextBoolean() ? EndReason.of(EndReason.Kind.values()[r.nextInt(EndReason.Kind.values().length)])
                    : EndReason.error(EndReason.Kind.TARGET_ERROR, "Connection reset by peer");
            opening.add(line(dante, new Event.SessionOpened(s.begin(), s)));
            closing.add(line(dante, new Event.SessionClosed(end, s, traffic, reason)));
            expected.add(new Connection(null, LogKind.DANTE, s, end, traffic, reason.text(), false));
        }
        Collections.shuffle(closing, r);
        List<Connection> read = connections(String.join("\n", opening) + "\n" + String.join("\n", closing) + "\n");
        assertThat(normalized(read)).isEqualTo(normalized(expected));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void natlogLinesInEveryTimeStyleAndTableRowsReadBackAsTheirTranslation(long seed) throws IOException {
        Random r = new Random(seed);
        List<NatlogFields> flows = Stream.generate(() -> translation(r)).limit(100).toList();
        for (TimeStyle style : TimeStyle.values()) {
            var format = new NatlogLineFormat(style, ZoneOffset.UTC, Columns.ALL);
            String log = flows.stream().map(f -> (r.nextBoolean() ? "NATLOG: " : "") + format.line(f)).collect(Collectors.joining("\n"));
            assertThat(fields(connections(log))).as(style.name()).isEqualTo(flows);
        }
        var table = new NatlogTableFormat(Columns.ALL);
        String csv = table.header() + "\n" + flows.stream().map(table::row).collect(Collectors.joining("\n"));
        List<Connection> rows = connections(csv);
        assertThat(rows).extracting(Connection::kind).containsOnly(LogKind.NATLOG_TABLE);
        assertThat(fields(rows)).isEqualTo(flows);
    }

    /** natlog 2.03's page: lines begin with {@code From}, addresses unpadded, {@code ip:port}; its table has no via columns. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void natlog203ShapesReadBack(long seed) throws IOException {
        Random r = new Random(seed);
        List<NatlogFields> flows = Stream.generate(() -> translation(r)).limit(100).toList();
        var format = new NatlogLineFormat(TimeStyle.RAW, ZoneOffset.UTC, Columns.ALL);
        String lines = flows.stream().map(f -> as203(format.line(f))).collect(Collectors.joining("\n"));
        assertThat(lines).doesNotContain("192.168.0");
        assertThat(fields(connections(lines))).isEqualTo(flows);

        var table = new NatlogTableFormat(Columns.ALL);
        String csv = withoutVia(table.header()) + "\n" + flows.stream().map(f -> as203(withoutVia(table.row(f)))).collect(Collectors.joining("\n"));
        List<NatlogFields> noVia = flows.stream().map(f -> new NatlogFields(f.protocol(), f.source(), Endpoint.UNSET, f.destination(), f.sent(),
                f.received(), f.begin(), f.end(), f.status())).toList();
        assertThat(fields(connections(csv))).isEqualTo(noVia);
        String headless = flows.stream().map(f -> as203(withoutVia(table.row(f)))).collect(Collectors.joining("\n"));
        assertThat(fields(connections(headless))).as("told by the cell count").isEqualTo(noVia);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void ipprotdEntriesReadBackAsForwardedConnections(long seed) throws IOException {
        Random r = new Random(seed);
        var format = new ConnectionLogFormat(Template.parse(Template.DEFAULT), ZoneOffset.UTC, s -> "-");
        List<String> log = new ArrayList<>();
        List<Connection> expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Session s = session(r, i).withCommand(Command.FORWARD);
            Session written = new Session(i + 1, Protocol.TCP, Command.FORWARD, Verdict.pass(0), s.client().withIdentity(null),
                    s.internal(), s.external(), null, null, s.target().address() == null ? s.internal() : s.target(),
                    s.begin().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            Instant end = written.begin().plusSeconds(r.nextInt(100000));
            long in = r.nextLong(1L << 40), out = r.nextInt(1 << 20);
            EndReason reason = EndReason.of(r.nextBoolean() ? EndReason.Kind.CLIENT_CLOSED : EndReason.Kind.TARGET_CLOSED);
            log.add(format.message(new Event.SessionClosed(end, written, new Traffic(LinkCounters.bytes(out, in), null), reason)));
            // The log does not show our outgoing socket: the record has no external endpoint.
            expected.add(new Connection(null, LogKind.IPPROT, written.withDestination(null, written.target()), end,
                    new Traffic(LinkCounters.bytes(out, in), null), reason.text(), false));
        }
        ReadOptions options = new ReadOptions(YEAR, ZoneOffset.UTC, Template.parse(Template.DEFAULT));
        assertThat(normalized(connections(String.join("\n", log), options))).isEqualTo(normalized(expected));
    }

    @Test
    void conntrackNewAndDestroyPairIntoOneConnectionAndAnUnpairedNewStaysOpen() throws IOException {
        String log = """
                [1795435412.223822]	    [NEW] tcp      6 120 SYN_SENT src=192.168.77.2 dst=10.77.0.2 sport=41001 dport=8000 [UNREPLIED] src=10.77.0.2 dst=10.77.0.1 sport=8000 dport=41001
                [1795435412.789553]	    [NEW] tcp      6 120 SYN_SENT src=192.168.77.2 dst=10.77.0.2 sport=41002 dport=8000 [UNREPLIED] src=10.77.0.2 dst=10.77.0.1 sport=8000 dport=41002
                [1795435413.000001]	[DESTROY] udp      17 src=192.168.77.3 dst=10.77.0.2 sport=42001 dport=9000 packets=1 bytes=1228 src=10.77.0.2 dst=10.77.0.1 sport=9000 dport=1024 packets=1 bytes=48 delta-time=30
                [1795435415.435596]	[DESTROY] tcp      6 TIME_WAIT src=192.168.77.2 dst=10.77.0.2 sport=41001 dport=8000 packets=6 bytes=420 src=10.77.0.2 dst=10.77.0.1 sport=8000 dport=41001 packets=4 bytes=2216 [ASSURED]
                """;
        List<Connection> read = connections(log);
        assertThat(read).extracting(c -> c.session().client().port() + " " + c.outside().host() + ":" + c.outside().port() + " "
                        + c.begin() + " " + c.end() + " " + (c.traffic() == null ? "-" : c.traffic().client().read() + "/" + c.traffic().client().written())
                        + " " + c.status())
                .containsExactly(
                        "42001 10.77.0.1:1024 2026-11-23T12:03:03.000001Z 2026-11-23T12:03:33.000001Z 1228/48 destroyed",
                        "41001 10.77.0.1:41001 2026-11-23T12:03:32.223822Z 2026-11-23T12:03:35.435596Z 420/2216 destroyed",
                        "41002 10.77.0.1:41002 2026-11-23T12:03:32.789553Z null 0/0 open at the end of the log");
    }

    /** IPv6 entries in the shapes IPv4 ones come in: acct off, {@code delta-time=}, {@code -o extended}, icmpv6 echo flows. */
    @Test
    void conntrackIpv6EntriesOfEveryShapeRead() throws IOException {
        String log = """
                [1795435412.223822]	    [NEW] ipv6     10 tcp      6 120 SYN_SENT src=fd00::2 dst=2001:db8::80 sport=41001 dport=443 [UNREPLIED] src=2001:db8::80 dst=2001:db8:1::1 sport=443 dport=1024
                [1795435413.000001]	[DESTROY] udp      17 src=fd00::3 dst=2001:db8::53 sport=42001 dport=53 packets=1 bytes=88 src=2001:db8::53 dst=2001:db8:1::1 sport=53 dport=1025 packets=1 bytes=120 delta-time=30
                [1795435414.500000]	    [NEW] icmpv6   58 30 src=fd00::2 dst=2001:db8::80 type=128 code=0 id=7 [UNREPLIED] src=2001:db8::80 dst=2001:db8:1::1 type=129 code=0 id=7
                [1795435415.435596]	[DESTROY] ipv6     10 tcp      6 TIME_WAIT src=fd00::2 dst=2001:db8::80 sport=41001 dport=443 src=2001:db8::80 dst=2001:db8:1::1 sport=443 dport=1024 [ASSURED]
                """;
        assertThat(connections(log)).extracting(c -> c.session().client() + " " + c.outside() + " " + c.session().target() + " "
                        + c.begin() + " " + c.end() + " " + c.traffic().client().read() + "/" + c.traffic().client().written())
                .containsExactly(
                        "fd00::3.42001 2001:db8:1::1.1025 2001:db8::53.53 2026-11-23T12:03:03.000001Z 2026-11-23T12:03:33.000001Z 88/120",
                        "fd00::2.41001 2001:db8:1::1.1024 2001:db8::80.443 2026-11-23T12:03:32.223822Z 2026-11-23T12:03:35.435596Z 0/0",
                        "fd00::2.7 2001:db8:1::1.7 2001:db8::80.0 2026-11-23T12:03:34.500Z null 0/0");
    }

    // --- writers' inputs

    private static Session session(Random r, int i) {
        Endpoint client = Endpoint.of(r.nextBoolean() ? InetAddress.ofLiteral("10.1." + r.nextInt(256) + "." + r.nextInt(256))
                : InetAddress.ofLiteral("2001:db8::" + Integer.toHexString(r.nextInt(65536))), 1024 + i);
        if (r.nextInt(3) == 0) client = client.withIdentity(new Identity("username", "user" + r.nextInt(100)));
        Endpoint internal = Endpoint.of(InetAddress.ofLiteral("10.0.0.1"), 1080);
        Endpoint external = Endpoint.of(InetAddress.ofLiteral("192.0.2." + r.nextInt(256)), r.nextInt(1, 65536));
        Endpoint target = r.nextInt(4) == 0 ? Endpoint.unresolved("www" + r.nextInt(10) + ".example.org", 443)
                : Endpoint.of(InetAddress.ofLiteral("203.0.113." + r.nextInt(256)), r.nextInt(1, 65536));
        Command command = r.nextBoolean() ? Command.CONNECT : Command.FORWARD;
        Instant begin = T0.plusSeconds(r.nextInt(300 * 86400)).plusNanos(r.nextInt(1_000_000) * 1000L);
        return new Session(i + 1, Protocol.TCP, command, Verdict.pass(r.nextInt(9)), client, internal, external, null, null, target, begin);
    }

    private static NatlogFields translation(Random r) {
        Protocol protocol = Protocol.values()[r.nextInt(3)];
        boolean icmp = protocol == Protocol.ICMP;
        Instant begin = T0.plusSeconds(r.nextInt(300 * 86400)).plusNanos(r.nextInt(1_000_000) * 1000L);
        return new NatlogFields(protocol, nat(r, "192.168.", icmp), nat(r, "10.77.", icmp), nat(r, "203.0.", icmp), r.nextLong(1L << 40),
                r.nextLong(1L << 40), begin, begin.plusNanos(r.nextLong(86_400_000_000L) * 1000),
                // natlog calls an idle udp or icmp flow ok: only tcp is ever expired
                protocol == Protocol.TCP ? NatlogStatus.values()[r.nextInt(3)] : r.nextBoolean() ? NatlogStatus.OK : NatlogStatus.EOP);
    }

    private static Endpoint nat(Random r, String net, boolean icmp) {
        return Endpoint.of(InetAddress.ofLiteral(net + (100 + r.nextInt(150)) + "." + (100 + r.nextInt(150))), icmp ? 0 : r.nextInt(65536));
    }

    /** natlog 3.00's line or row as 2.03 wrote it: {@code From}, unpadded addresses, {@code ip:port}, unpadded microseconds. */
    private static String as203(String text) {
        String s = text.replaceFirst("^from ", "From ").replaceAll("(\\d{3}\\.\\d{3}\\.\\d{3}\\.\\d{3}),(\\d+)", "$1:$2");
        s = s.replaceAll("\\b0{1,2}(\\d)", "$1");
        return s.replaceAll("(\\d+):0+(\\d)", "$1:$2");
    }

    /** A 3.00 table line without its via columns (the 8th to 10th cells). */
    private static String withoutVia(String line) {
        List<String> cells = new ArrayList<>(List.of(line.split(",", -1)));
        cells.subList(7, 10).clear();
        return String.join(",", cells);
    }

    // --- reading

    private static List<Connection> connections(String log) throws IOException {
        return connections(log, new ReadOptions(YEAR, ZoneOffset.UTC, null));
    }

    private static List<Connection> connections(String log, ReadOptions options) throws IOException {
        List<Connection> read = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        LogReader reader = new LogReader(options, record -> read.add((Connection) record), problems::add);
        reader.read("log", new LogLines(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8))));
        reader.finish();
        assertThat(problems).isEmpty();
        return read;
    }

    /** The record as the fields of the translation it shows; its status in natlog's word. */
    private static List<NatlogFields> fields(List<Connection> read) {
        return read.stream().map(c -> {
            Session s = c.session();
            assertThat(s.command()).isEqualTo(Command.NAT);
            return new NatlogFields(s.protocol(), s.client(), s.external(), s.target(), c.traffic().client().read(),
                    c.traffic().client().written(), c.begin(), c.end(), NatlogStatus.fromWord(c.status()));
        }).toList();
    }

    /** Records without what reading makes up (session numbers, origins), in one order. */
    private static List<Connection> normalized(List<Connection> records) {
        return records.stream().map(c -> {
            Session s = c.session();
            Session plain = new Session(0, s.protocol(), s.command(), s.verdict(), s.client(), s.internal(), s.external(), s.nextProxy(),
                    s.lastProxy(), s.target(), s.begin());
            return new Connection(null, c.kind(), plain, c.end(), c.traffic(), c.status(), c.refused());
        }).sorted(Comparator.comparing((Connection c) -> c.session().client().toString()).thenComparing(c -> c.session().command()))
                .toList();
    }

    private static String line(DanteFormat dante, Event event) {
        return dante.line(event, dante.message(event));
    }
}
