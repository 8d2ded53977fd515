package org.wirelog.format.ipprot;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** ipprotd's time stamps: RFC 3339 with a blank between date and time, {@code 2013-12-04 16:18:42-01:00}. */
public final class Rfc3339 {

    /** {@code xxx} prints +00:00 for UTC, as the page shows offsets, never Z. */
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssxxx");

    /** What the text of a time looks like, for readers. */
    static final String PATTERN = "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}[+-]\\d{2}:\\d{2}";

    private Rfc3339() {
    }

    /** The time as a log shows it: in {@code zone}, whole seconds. */
    public static OffsetDateTime shown(Instant time, ZoneId zone) {
        return time.atZone(zone).toOffsetDateTime().truncatedTo(ChronoUnit.SECONDS);
    }

    public static String format(Instant time, ZoneId zone) {
        return FORMAT.format(time.atZone(zone));
    }

    public static String format(OffsetDateTime time) {
        return FORMAT.format(time);
    }

    /** @throws IllegalArgumentException naming the text when it is no such time, or none of the calendar */
    public static OffsetDateTime parse(String text) {
        try {
            return OffsetDateTime.parse(text, FORMAT);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("not a time of the connection log: " + text);
        }
    }
}
