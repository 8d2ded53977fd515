package org.wirelog.format.dante;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wirelog.model.Event.Notice;
import org.wirelog.model.Level;

/** The prefix Dante gives every line: {@code %h %e %T}, the epoch stamp with six digits of microseconds, program[pid]. */
class DanteLinePrefixTest {

    private final DanteFormat format = new DanteFormat("wirelog", 4242, ZoneOffset.UTC);

    @ParameterizedTest
    @CsvSource({
            "1795434692, 0, 'Nov 23 11:51:32 (1795434692.000000) wirelog[4242]: info: text'",
            "1795434692, 42000, 'Nov 23 11:51:32 (1795434692.000042) wirelog[4242]: info: text'",
            "1795434692, 9999, 'Nov 23 11:51:32 (1795434692.000009) wirelog[4242]: info: text'",
            "1795434692, 100000000, 'Nov 23 11:51:32 (1795434692.100000) wirelog[4242]: info: text'",
            "1795434692, 999999999, 'Nov 23 11:51:32 (1795434692.999999) wirelog[4242]: info: text'",
            "1796083200, 12345000, 'Dec  1 00:00:00 (1796083200.012345) wirelog[4242]: info: text'",
    })
    void padsTheMicrosecondsToSixDigitsAndTheDayWithASpace(long second, int nanos, String expected) {
        Notice notice = new Notice(Instant.ofEpochSecond(second, nanos), Level.INFO, "text");
        assertThat(format.line(notice, format.message(notice))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"WARNING, warning", "ERROR, error", "DEBUG, debug"})
    void namesTheLevelInLowerCase(Level level, String word) {
        Notice notice = new Notice(Instant.ofEpochSecond(1795434692, 5000), level, "text");
        assertThat(format.line(notice, "text")).isEqualTo("Nov 23 11:51:32 (1795434692.000005) wirelog[4242]: " + word + ": text");
    }
}
