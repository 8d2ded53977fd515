package org.wirelog.read;

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
 * A syslog time has no year: the reader is told which. The head is found in place: the message is
 * {@code line} from {@code messageFrom} on, copied out only when {@link #message()} is asked for.
 */
public record SyslogHead(Instant time, String line, int messageFrom) {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("yyyy MMM ppd HH:mm:ss", Locale.ENGLISH);
    private static final String NO_LOCALTIME = "<no localtime available> (";
    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

    /** The text after the head. */
    public String message() {
        return messageFrom == 0 ? line : line.substring(messageFrom);
    }

    /** @param line the whole line; @param year the year of a {@code Mon dd} time; @param zone its zone */
    public static SyslogHead parse(String line, int year, ZoneId zone) {
        if (startsWithMonth(line)) return bsd(line, year, zone);
        if (line.startsWith(NO_LOCALTIME)) {
            // Dante writes this instead of the date where it may not call localtime(3): in a signal handler.
            int close = line.indexOf(") ", NO_LOCALTIME.length());
            if (close > 0) return tagged(exact(line, NO_LOCALTIME.length(), close), line, close + 2);
        }
        if (line.length() > 20 && line.charAt(4) == '-' && line.charAt(10) == 'T') return rfc3339(line);
        return new SyslogHead(null, line, 0);
    }

    private static boolean startsWithMonth(String line) {
        return line.length() > 16 && line.charAt(3) == ' ' && line.charAt(6) == ' ' && line.charAt(9) == ':'
                && line.charAt(15) == ' ' && isMonth(line);
    }

    private static boolean isMonth(String line) {
        for (int m = 0; m < MONTHS.length(); m += 3) {
            if (line.regionMatches(0, MONTHS, m, 3)) return true;
        }
        return false;
    }

    private static SyslogHead bsd(String line, int year, ZoneId zone) {
        if (line.charAt(16) == '(') {
            // Dante's own prefix: the exact time, then the program, no host. The clock is not parsed: the
            // exact time says more, and parsing it would cost more than all the rest of the line.
            int close = line.indexOf(") ", 17);
            Instant exact = close > 0 ? exact(line, 17, close) : null;
            if (exact != null) return tagged(exact, line, close + 2);
        }
        Instant time;
        try {
            time = LocalDateTime.parse(year + " " + line.substring(0, 15), CLOCK).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            return new SyslogHead(null, line, 0);
        }
        int blank = line.indexOf(' ', 16);
        if (blank < 0) return new SyslogHead(time, line, 16);
        return tagged(time, line, blank + 1);
    }

    private static SyslogHead rfc3339(String line) {
        int blank = line.indexOf(' ');
        if (blank < 0) return new SyslogHead(null, line, 0);
        Instant time;
        try {
            time = OffsetDateTime.parse(line.substring(0, blank)).toInstant();
        } catch (DateTimeException e) {
            return new SyslogHead(null, line, 0);
        }
        int host = line.indexOf(' ', blank + 1);
        return host < 0 ? new SyslogHead(time, line, blank + 1) : tagged(time, line, host + 1);
    }

    /** {@code tag[pid]: [level: ]message} from {@code line[from...]}; without a tag ending in a colon, all is message. */
    private static SyslogHead tagged(Instant time, String line, int from) {
        int blank = line.indexOf(' ', from);
        if (blank <= from || line.charAt(blank - 1) != ':') return new SyslogHead(time, line, from);
        int message = blank + 1;
        String level = message < line.length() ? level(line, message) : null;
        if (level != null && line.startsWith(level, message)) message += level.length();
        return new SyslogHead(time, line, message);
    }

    /** The level word that may start at {@code at}, told by its first letter: asked once per line. */
    private static String level(String line, int at) {
        return switch (line.charAt(at)) {
            case 'i' -> "info: ";
            case 'n' -> "notice: ";
            case 'w' -> "warning: ";
            case 'e' -> line.startsWith("emerg: ", at) ? "emerg: " : "error: ";
            case 'a' -> "alert: ";
            case 'd' -> "debug: ";
            case 'c' -> "crit: ";
            default -> null;
        };
    }

    /** Seconds since the epoch with up to six decimals ({@code 1795434692.105619}) in {@code text[from, to)}, or null. */
    private static Instant exact(String text, int from, int to) {
        long seconds = 0, micros = 0;
        int i = from, decimals = -1, digits = 0;
        for (; i < to; i++) {
            char c = text.charAt(i);
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
