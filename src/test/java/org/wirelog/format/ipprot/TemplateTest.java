package org.wirelog.format.ipprot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TemplateTest {

    private static final ConnectionEntry ENTRY = new ConnectionEntry(7L,
            OffsetDateTime.of(2013, 12, 4, 16, 18, 42, 0, ZoneOffset.ofHours(-1)),
            OffsetDateTime.of(2013, 12, 4, 16, 20, 3, 0, ZoneOffset.ofHours(-1)), Duration.ofMillis(81_250),
            "10.1.2.3", 40123, "10.1.2.33", 7777, "10.1.2.34", 5678, 1234L, 567890L, "local client closed", "/var/log/prot_x");

    @Test
    void thePagesExampleFormat() {
        assertThat(Template.parse("Connected: %s, disconnected after %S secs at: %e").render(ENTRY))
                .isEqualTo("Connected: 2013-12-04 16:18:42-01:00, disconnected after 81 secs at: 2013-12-04 16:20:03-01:00");
    }

    @Test
    void everyExpression() {
        assertThat(Template.parse("%%|%n|%s|%e|%S|%D|%i|%c|%l|%p|%h|%P|%I|%O|%N|%f|%r").render(ENTRY)).isEqualTo(
                "%|\n|2013-12-04 16:18:42-01:00|2013-12-04 16:20:03-01:00|81|81250000|10.1.2.3|40123|10.1.2.33|7777"
                        + "|10.1.2.34|5678|1234|567890|7|/var/log/prot_x|local client closed");
        assertThat(Template.parse("%f").render(new ConnectionEntry(1L, null, null, null, null, null, null, null, null, null,
                null, null, null, null))).isEqualTo("-");
    }

    @Test
    void anUnknownExpressionOrALonePercentIsAnError() {
        assertThatThrownBy(() -> Template.parse("%s %x")).hasMessageStartingWith("unknown expression %x in connection log format; known: %%, %n, %s, %e");
        assertThatThrownBy(() -> Template.parse("100%")).hasMessage("connection log format ends with a lone %");
    }

    @Test
    void rfc3339PrintsUtcAsAnOffsetNotZ() {
        assertThat(Rfc3339.format(java.time.Instant.parse("2013-12-04T15:18:42.9Z"), ZoneOffset.UTC)).isEqualTo("2013-12-04 15:18:42+00:00");
    }

    @Test
    void theReaderSaysWhereTheLogStopsMatching() {
        var reader = new ConnectionLogReader(Template.parse("%i %I"));
        assertThatThrownBy(() -> reader.read("1.2.3.4 5\nnonsense\n")).hasMessage("line 2: not an entry of this connection log format: nonsense");
    }

    static LongStream seeds() {
        return LongStream.range(1, 41);
    }

    /**
     * Writes random entries with a random template (all fields, random text between them) and reads them back.
     * The reader takes data file names to have no blanks: beside %r, whose text has blanks, such a name could
     * not be told apart.
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void roundTrips(long seed) {
        Random random = new Random(seed);
        List<String> letters = new ArrayList<>(List.of("N", "s", "e", "D", "i", "c", "l", "p", "h", "P", "I", "O", "f", "r"));
        java.util.Collections.shuffle(letters, random);
        String[] separators = {" ", ": ", " -> ", "%n", " | ", "%%", ", in=", "\t"};
        String format = letters.stream().map(l -> "%" + l + separators[random.nextInt(separators.length)]).collect(Collectors.joining());
        Template template = Template.parse(format);
        List<ConnectionEntry> entries = IntStream.range(0, 5).mapToObj(i -> randomEntry(random)).toList();
        String log = entries.stream().map(e -> template.render(e) + "\n").collect(Collectors.joining());
        assertThat(new ConnectionLogReader(template).read(log)).as(format).isEqualTo(entries);
    }

    private static ConnectionEntry randomEntry(Random random) {
        String[] offsets = {"+00:00", "-01:00", "+05:30", "-09:30", "+14:00"};
        ZoneOffset offset = ZoneOffset.of(offsets[random.nextInt(offsets.length)]);
        OffsetDateTime begin = OffsetDateTime.of(2000 + random.nextInt(40), 1 + random.nextInt(12), 1 + random.nextInt(28),
                random.nextInt(24), random.nextInt(60), random.nextInt(60), 0, offset);
        Duration duration = Duration.of(random.nextLong(0, 10_000_000_000L), ChronoUnit.MICROS);
        String[] reasons = {"local client closed", "remote peer error (Connection reset by peer)", "client address not allowed (-r)"};
        return new ConnectionEntry(random.nextLong(1, 1_000_000), begin, begin.plus(duration).truncatedTo(ChronoUnit.SECONDS), duration,
                random.nextBoolean() ? "10.0." + random.nextInt(256) + "." + random.nextInt(256) : "2001:db8::" + Integer.toHexString(random.nextInt(65536)),
                random.nextInt(65536), "127.0.0.1", random.nextInt(65536), random.nextBoolean() ? "::1" : "192.168.1.1",
                random.nextInt(1, 65536), random.nextLong(0, Long.MAX_VALUE), random.nextLong(0, 1L << 40),
                reasons[random.nextInt(reasons.length)], random.nextBoolean() ? null : "/var/log/conn_rec/prot_2013-12-04_161842_" + random.nextInt(99) + "_10.0.0.1.gz");
    }
}
