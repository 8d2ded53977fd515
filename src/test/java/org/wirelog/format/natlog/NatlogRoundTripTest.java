package org.wirelog.format.natlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wirelog.model.Endpoint;
import org.wirelog.model.Protocol;
import org.wirelog.packet.Ipv4Header;

/** Seeded random translations written as natlog lines and table rows and read back: the same fields. */
class NatlogRoundTripTest {

    private static final ZoneId LOCAL = ZoneId.of("Europe/Amsterdam");
    /** A year the readers are told, as the clock forms carry none. */
    private static final int YEAR = 2026;

    static Stream<Long> seeds() {
        return Stream.of(1L, 2L, 3L, 1795434964L);
    }

    private static NatlogFields random(Random r) {
        Protocol protocol = Protocol.values()[r.nextInt(3)];
        boolean icmp = protocol == Protocol.ICMP;
        long begin = Instant.parse(YEAR + "-01-01T00:00:00Z").getEpochSecond() + r.nextInt(360 * 86400);
        Instant from = Instant.ofEpochSecond(begin, r.nextInt(1_000_000) * 1000L);
        Instant thru = from.plusNanos(r.nextLong(10_000_000_000_000L) / 1000 * 1000);
        return new NatlogFields(protocol, endpoint(r, icmp), endpoint(r, icmp), endpoint(r, icmp), r.nextLong(1L << 40),
                r.nextLong(1L << 40), from, thru, NatlogStatus.values()[r.nextInt(3)]);
    }

    private static Endpoint endpoint(Random r, boolean icmp) {
        return Endpoint.of(Ipv4Header.address(r.nextInt()), icmp ? 0 : r.nextInt(65536));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void linesReadBackInEveryTimeStyle(long seed) {
        Random r = new Random(seed);
        for (int i = 0; i < 500; i++) {
            NatlogFields f = random(r);
            for (TimeStyle style : TimeStyle.values()) {
                String line = new NatlogLineFormat(style, LOCAL, Columns.ALL).line(f);
                assertThat(new NatlogLineReader(YEAR, LOCAL).read(line)).as(line).isEqualTo(sameYear(f, style));
            }
        }
    }

    /** The clock forms carry no year: a flow that ends in the next year reads back into the reader's year. */
    private static NatlogFields sameYear(NatlogFields f, TimeStyle style) {
        if (style == TimeStyle.RAW) return f;
        ZoneId zone = style == TimeStyle.UTC ? ZoneOffset.UTC : LOCAL;
        return new NatlogFields(f.protocol(), f.source(), f.via(), f.destination(), f.sent(), f.received(), inYear(f.begin(), zone),
                inYear(f.end(), zone), f.status());
    }

    private static Instant inYear(Instant t, ZoneId zone) {
        var local = t.atZone(zone);
        return local.withYear(YEAR).toInstant();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void tableRowsReadBack(long seed) {
        Random r = new Random(seed);
        var table = new NatlogTableFormat(Columns.ALL);
        for (int i = 0; i < 500; i++) {
            NatlogFields f = random(r);
            String row = table.row(f);
            assertThat(row.split(",")).hasSize(17);
            assertThat(NatlogTableFormat.read(row)).as(row).isEqualTo(f);
        }
    }
}
