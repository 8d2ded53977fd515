package org.wirelog.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wirelog.model.Command;
import org.wirelog.model.Endpoint;
import org.wirelog.model.Identity;
import org.wirelog.model.LinkCounters;
import org.wirelog.model.Protocol;
import org.wirelog.model.Session;
import org.wirelog.model.Traffic;
import org.wirelog.model.Verdict;
import org.wirelog.query.MemoryStore;
import org.wirelog.read.LogKind;
import org.wirelog.read.Origin;
import org.wirelog.read.Record.Connection;
import org.wirelog.read.Record.PacketSeen;

/**
 * The index answers every lookup exactly as the in-memory store does, over seeded random connections of
 * every shape (spans from microseconds to months, open ones, ones without a time, IPv6, users, hostnames,
 * counters or none): the same records, field for field, read back from their rows.
 */
class SqliteIndexTest {

    private static final Instant T0 = Instant.parse("2026-11-23T00:00:00Z");
    private static final String FILE = "logs/sockd.log";
    /** Few addresses and ports, so that lookups find many records and their neighbours. */
    private static final List<InetAddress> OUTSIDE = List.of(InetAddress.ofLiteral("198.51.100.1"), InetAddress.ofLiteral("198.51.100.2"),
            InetAddress.ofLiteral("2001:db8::1"));

    @TempDir
    Path dir;

    static Stream<Long> seeds() {
        return Stream.of(1L, 2L, 3L, 20261123L);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void answersAsTheMemoryStoreDoes(long seed) throws Exception {
        Random r = new Random(seed);
        MemoryStore memory = new MemoryStore();
        List<Connection> all = new ArrayList<>();
        try (SqliteIndex index = SqliteIndex.open(dir.resolve("index.db"))) {
            try (IndexWriter writer = index.writer()) {
                assertThat(writer.startFile(FILE, 1000, 1)).isTrue();
                for (int i = 0; i < 3000; i++) {
                    Connection c = connection(r, i + 1);
                    all.add(c);
                    memory.add(c);
                    writer.add(c);
                }
                writer.finishFile(FILE, all.size());
            }
            int found = 0;
            for (int q = 0; q < 300; q++) {
                InetAddress address = OUTSIDE.get(r.nextInt(OUTSIDE.size()));
                Integer port = r.nextBoolean() ? null : 1000 + r.nextInt(8);
                Instant from = T0.plusSeconds(r.nextInt(86400 * 40)).plusNanos(r.nextInt(1_000_000_000));
                Instant to = from.plus(Duration.ofMillis(r.nextInt(3) == 0 ? 0 : r.nextLong(86_400_000L)));
                List<Connection> expected = memory.outside(address, port, from, to);
                assertThat(sorted(index.outside(address, port, from, to))).as("%s:%s %s .. %s", address, port, from, to)
                        .isEqualTo(sorted(expected));
                found += expected.size();
            }
            assertThat(found).as("lookups that found something").isGreaterThan(300);
        }
    }

    @Test
    void aRowReadsBackIntoTheSameRecord() throws Exception {
        Random r = new Random(7);
        try (SqliteIndex index = SqliteIndex.open(dir.resolve("index.db"))) {
            List<Connection> written = new ArrayList<>();
            try (IndexWriter writer = index.writer()) {
                writer.startFile(FILE, 1, 1);
                for (int i = 0; i < 500; i++) {
                    Connection c = connection(r, i + 1);
                    written.add(c);
                    writer.add(c);
                }
            }
            for (Connection c : written) {
                assertThat(index.outside(c.outside().address(), c.outside().port(), Instant.MIN, Instant.MAX)).contains(c);
            }
        }
    }

    @Test
    void packetsAreFoundByEitherAddressAndReadBackFromTheirLine() throws Exception {
        String[] lines = {
                "DROP IN=eth0 OUT= SRC=203.0.113.9 DST=198.51.100.1 LEN=60 TOS=0x00 PREC=0x00 TTL=52 ID=1 DF PROTO=TCP SPT=40000 DPT=22 WINDOW=64240 RES=0x00 SYN URGP=0",
                "IN= OUT=eth0 SRC=198.51.100.1 DST=203.0.113.9 LEN=40 TOS=0x00 PREC=0x00 TTL=64 ID=0 DF PROTO=TCP SPT=22 DPT=40000 WINDOW=0 RES=0x00 ACK RST URGP=0",
                "IN=eth0 OUT= SRC=198.51.100.1 DST=198.51.100.1 LEN=84 TOS=0x00 PREC=0x00 TTL=64 ID=3 DF PROTO=ICMP TYPE=8 CODE=0 ID=9 SEQ=1"};
        MemoryStore memory = new MemoryStore();
        try (SqliteIndex index = SqliteIndex.open(dir.resolve("index.db"))) {
            try (IndexWriter writer = index.writer()) {
                writer.startFile("kern.log", 1, 1);
                for (int i = 0; i < lines.length; i++) {
                    PacketSeen p = PacketSeen.read(new Origin("kern.log", i + 1), LogKind.NETFILTER, T0.plusSeconds(i), lines[i]);
                    writer.add(p);
                    memory.add(p);
                }
                assertThat(writer.packets()).isEqualTo(3);
            }
            InetAddress a = InetAddress.ofLiteral("198.51.100.1");
            List<PacketSeen> all = index.packets(a, null, T0, T0.plusSeconds(10));
            assertThat(all).extracting(p -> p.origin().line()).containsExactlyInAnyOrder(1L, 2L, 3L);
            assertThat(all).extracting(PacketSeen::entry)
                    .containsExactlyInAnyOrderElementsOf(memory.packets(a, null, T0, T0.plusSeconds(10)).stream().map(PacketSeen::entry).distinct().toList());
            assertThat(index.packets(a, 22, T0, T0.plusSeconds(10))).extracting(p -> p.origin().line()).containsExactlyInAnyOrder(1L, 2L);
            assertThat(index.packets(a, null, T0.plusSeconds(1), T0.plusSeconds(1))).extracting(p -> p.origin().line()).containsExactly(2L);
        }
    }

    @Test
    void aFileIndexedBeforeIsSkippedAndConnectionsWithoutAnOutsideAreCounted() throws Exception {
        try (SqliteIndex index = SqliteIndex.open(dir.resolve("index.db"))) {
            try (IndexWriter writer = index.writer()) {
                assertThat(writer.startFile(FILE, 10, 5)).isTrue();
                Connection c = connection(new Random(1), 1);
                writer.add(new Connection(c.origin(), LogKind.IPPROT, c.session().withDestination(null, c.session().target()), c.end(),
                        c.traffic(), null, false));
                writer.finishFile(FILE, 1);
                assertThat(writer.withoutOutside()).isEqualTo(1);
                assertThat(writer.connections()).isZero();
            }
            try (IndexWriter writer = index.writer()) {
                assertThat(writer.startFile(FILE, 10, 5)).isFalse();
                assertThat(writer.startFile(FILE, 11, 5)).as("grown since").isTrue();
                assertThat(writer.startFile("-", -1, 0)).as("a stream").isTrue();
            }
        }
    }

    @Test
    void lastingClasses() {
        assertThat(IndexWriter.lastingClass(T0, T0)).isZero();
        assertThat(IndexWriter.lastingClass(T0, T0.plusNanos(1))).isEqualTo(1);
        assertThat(IndexWriter.lastingClass(T0, T0.plusSeconds(1))).isEqualTo(1);
        assertThat(IndexWriter.lastingClass(T0, T0.plusSeconds(2))).isEqualTo(2);
        assertThat(IndexWriter.lastingClass(T0, T0.plusSeconds(3600))).isEqualTo(12);
        assertThat(IndexWriter.lastingClass(T0, null)).isEqualTo(SqliteIndex.UNBOUNDED);
        assertThat(IndexWriter.lastingClass(null, T0)).isEqualTo(SqliteIndex.UNBOUNDED);
        assertThat(IndexWriter.lastingClass(T0.plusSeconds(5), T0)).isZero();
    }

    /** A random connection of any shape; its outside endpoint one of a few. */
    private static Connection connection(Random r, long line) {
        Instant begin = r.nextInt(50) == 0 ? null : T0.plusSeconds(r.nextInt(86400 * 40)).plusNanos(r.nextInt(1_000_000) * 1000L);
        Duration lasted = switch (r.nextInt(5)) {
            case 0 -> Duration.ofNanos(r.nextInt(1_000_000) * 1000L);
            case 1 -> Duration.ofSeconds(r.nextInt(60));
            case 2 -> Duration.ofSeconds(r.nextInt(86400));
            case 3 -> Duration.ofDays(r.nextInt(60));
            default -> Duration.ofMillis(r.nextInt(5000));
        };
        Instant end = r.nextInt(20) == 0 ? null : begin == null ? T0.plusSeconds(r.nextInt(86400 * 40)) : begin.plus(lasted);
        Command command = List.of(Command.CONNECT, Command.FORWARD, Command.NAT, Command.BIND).get(r.nextInt(4));
        Endpoint client = endpoint(r, "10.0.0." + (1 + r.nextInt(200)));
        if (r.nextInt(3) == 0) client = client.withIdentity(new Identity("username", "user" + r.nextInt(10)));
        Endpoint outside = Endpoint.of(OUTSIDE.get(r.nextInt(OUTSIDE.size())), 1000 + r.nextInt(8));
        Endpoint target = r.nextInt(5) == 0 ? Endpoint.unresolved("host" + r.nextInt(9) + ".example", 443) : endpoint(r, "203.0.113." + r.nextInt(256));
        Session session = new Session(line, command.protocol(), command, new Verdict(r.nextBoolean(), r.nextInt(10)), client,
                r.nextBoolean() ? Endpoint.UNSET : endpoint(r, "10.0.0.254"), outside, r.nextInt(10) == 0 ? endpoint(r, "10.9.9.9") : null,
                null, target, begin);
        Traffic traffic = switch (r.nextInt(3)) {
            case 0 -> null;
            case 1 -> new Traffic(new LinkCounters(r.nextLong(1L << 40), r.nextInt(100000), r.nextInt(10), 0), null);
            default -> new Traffic(LinkCounters.bytes(r.nextInt(), r.nextInt(1000)), LinkCounters.bytes(r.nextInt(1000), r.nextLong(1L << 50)));
        };
        LogKind kind = LogKind.values()[r.nextInt(LogKind.values().length)];
        String status = r.nextBoolean() ? null : List.of("local client closed", "expired", "ok", "ünïcode").get(r.nextInt(4));
        return new Connection(new Origin(FILE, line), kind, session, end, traffic, status, r.nextInt(10) == 0);
    }

    private static Endpoint endpoint(Random r, String ip) {
        return Endpoint.of(InetAddress.ofLiteral(ip), r.nextInt(65536));
    }

    private static List<Connection> sorted(List<Connection> connections) {
        return connections.stream().sorted(Comparator.comparingLong(c -> c.origin().line())).toList();
    }

}
