package org.wirelog.read;

import static org.wirelog.format.AsciiBytes.indexOf;
import static org.wirelog.format.AsciiBytes.startsWith;
import static org.wirelog.format.AsciiBytes.text;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The part of a log line before the message, in the shapes the logs we read put there:
 * <ul>
 * <li>Dante's own: {@code Nov 23 11:51:32 (1795434692.105619) danted[8832]: info: } (the exact time in parentheses);</li>
 * <li>a syslog file's: {@code Nov 23 11:51:32 host tag[pid]: }, or with an RFC 3339 time
 * ({@code 2026-11-23T11:51:32.105619+00:00 host tag: }); a level word after the tag ({@code info: }) is dropped;</li>
 * <li>none: the whole line is the message.</li>
 * </ul>
 * A syslog time has no year: the reader is told which. The head is found in place, in the line's bytes: the
 * message is the line from {@code messageFrom} on.
 *
 * @param time        when the line was written, or null when its head says no time
 * @param messageFrom where the message starts in the line's bytes
 */
public record SyslogHead(Instant time, int messageFrom) {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("yyyy MMM ppd HH:mm:ss", Locale.ENGLISH);
    private static final String NO_LOCALTIME = "<no localtime available> (";
    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

    /** The head of the line {@code line[from, to)}; @param year the year of a {@code Mon dd} time; @param zone its zone */
    public static SyslogHead parse(byte[] line, int from, int to, int year, ZoneId zone) {
        if (startsWithMonth(line, from, to)) return bsd(line, from, to, year, zone);
        if (startsWith(line, from, to, NO_LOCALTIME)) {
            // Dante writes this instead of the date where it may not call localtime(3): in a signal handler.
            int close = indexOf(line, ") ", from + NO_LOCALTIME.length(), to);
            if (close > 0) return tagged(exact(line, from + NO_LOCALTIME.length(), close), line, close + 2, to);
        }
        if (to - from > 20 && line[from + 4] == '-' && line[from + 10] == 'T') return rfc3339(line, from, to);
        return new SyslogHead(null, from);
    }

    private static boolean startsWithMonth(byte[] line, int from, int to) {
        return to - from > 16 && line[from + 3] == ' ' && line[from + 6] == ' ' && line[from + 9] == ':'
                && line[from + 15] == ' ' && isMonth(line, from);
    }

    private static boolean isMonth(byte[] line, int from) {
        for (int m = 0; m < MONTHS.length(); m += 3) {
            if (line[from] == MONTHS.charAt(m) && line[from + 1] == MONTHS.charAt(m + 1) && line[from + 2] == MONTHS.charAt(m + 2)) {
                return true;
            }
        }
        return false;
    }

    private static SyslogHead bsd(byte[] line, int from, int to, int year, ZoneId zone) {
        if (line[from + 16] == '(') {
            // Dante's own prefix: the exact time, then the program, no host. The clock is not parsed: the
            // exact time says more, and parsing it would cost more than all the rest of the line.
            int close = indexOf(line, ") ", from + 17, to);
            Instant exact = close > 0 ? exact(line, from + 17, close) : null;
            if (exact != null) return tagged(exact, line, close + 2, to);
        }
        Instant time;
        try {
            time = LocalDateTime.parse(year + " " + text(line, from, from + 15), CLOCK).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            return new SyslogHead(null, from);
        }
        int blank = indexOf(line, ' ', from + 16, to);
        if (blank < 0) return new SyslogHead(time, from + 16);
        return tagged(time, line, blank + 1, to);
    }

    private static SyslogHead rfc3339(byte[] line, int from, int to) {
        int blank = indexOf(line, ' ', from, to);
        if (blank < 0) return new SyslogHead(null, from);
        Instant time;
        try {
            time = OffsetDateTime.parse(text(line, from, blank)).toInstant();
        } catch (DateTimeException e) {
            return new SyslogHead(null, from);
        }
        int host = indexOf(line, ' ', blank + 1, to);
        return host < 0 ? new SyslogHead(time, blank + 1) : tagged(time, line, host + 1, to);
    }

    /** {@code tag[pid]: [level: ]message} from {@code line[from, to)}; without a tag ending in a colon, all is message. */
    private static SyslogHead tagged(Instant time, byte[] line, int from, int to) {
        int blank = indexOf(line, ' ', from, to);
        if (blank <= from || line[blank - 1] != ':') return new SyslogHead(time, from);
        int message = blank + 1;
        String level = message < to ? level(line, message, to) : null;
        if (level != null && startsWith(line, message, to, level)) message += level.length();
        return new SyslogHead(time, message);
    }

    /** The level word that may start at {@code at}, told by its first letter: asked once per line. */
    private static String level(byte[] line, int at, int to) {
        return switch (line[at]) {
            case 'i' -> "info: ";
            case 'n' -> "notice: ";
            case 'w' -> "warning: ";
            case 'e' -> startsWith(line, at, to, "emerg: ") ? "emerg: " : "error: ";
            case 'a' -> "alert: ";
            case 'd' -> "debug: ";
            case 'c' -> "crit: ";
            default -> null;
        };
    }

    /** Seconds since the epoch with up to six decimals ({@code 1795434692.105619}) in {@code line[from, to)}, or null. */
    private static Instant exact(byte[] line, int from, int to) {
        long seconds = 0, micros = 0;
        int i = from, decimals = -1, digits = 0;
        for (; i < to; i++) {
            byte c = line[i];
            if (c == '.' && decimals < 0) {
                decimals = 0;
                continue;
            }
            if (c < '0' || c > '9' || i - from > 18) return null;
            if (decimals < 0) {
                seconds = seconds * 10 + (c - '0');
                digits++;
            } else if (decimals < 6) {
                micros = micros * 10 + (c - '0');
                decimals++;
            }
        }
        if (digits == 0) return null;
        for (; decimals >= 0 && decimals < 6; decimals++) micros *= 10;
        return Instant.ofEpochSecond(seconds, micros * 1000);
    }
}
