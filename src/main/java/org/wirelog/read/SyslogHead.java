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
 * A syslog time has no year: the reader is told which.
 */
public record SyslogHead(Instant time, String tag, String message) {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("yyyy MMM ppd HH:mm:ss", Locale.ENGLISH);
    private static final String[] LEVELS = {"info: ", "notice: ", "warning: ", "error: ", "alert: ", "debug: ", "crit: ", "emerg: "};
    private static final String NO_LOCALTIME = "<no localtime available> (";
    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

    /** @param line the whole line; @param year the year of a {@code Mon dd} time; @param zone its zone */
    public static SyslogHead parse(String line, int year, ZoneId zone) {
        if (startsWithMonth(line)) return bsd(line, year, zone);
        if (line.startsWith(NO_LOCALTIME)) {
            // Dante writes this instead of the date where it may not call localtime(3): in a signal handler.
            int close = line.indexOf(") ", NO_LOCALTIME.length());
            if (close > 0) return tagged(exact(line.substring(NO_LOCALTIME.length(), close), null), line.substring(close + 2));
        }
        if (line.length() > 20 && line.charAt(4) == '-' && line.charAt(10) == 'T') return rfc3339(line);
        return new SyslogHead(null, null, line);
    }

    private static boolean startsWithMonth(String line) {
        return line.length() > 16 && line.charAt(3) == ' ' && line.charAt(6) == ' ' && line.charAt(9) == ':'
                && line.charAt(15) == ' ' && MONTHS.contains(line.substring(0, 3)) && MONTHS.indexOf(line.substring(0, 3)) % 3 == 0;
    }

    private static SyslogHead bsd(String line, int year, ZoneId zone) {
        String rest = line.substring(16);
        if (rest.startsWith("(")) {
            // Dante's own prefix: the exact time, then the program, no host. The clock is not parsed: the
            // exact time says more, and parsing it would cost more than all the rest of the line.
            int close = rest.indexOf(") ");
            Instant exact = close > 0 ? exact(rest.substring(1, close), null) : null;
            if (exact != null) return tagged(exact, rest.substring(close + 2));
        }
        Instant time;
        try {
            time = LocalDateTime.parse(year + " " + line.substring(0, 15), CLOCK).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            return new SyslogHead(null, null, line);
        }
        int blank = rest.indexOf(' ');
        if (blank < 0) return new SyslogHead(time, null, rest);
        return tagged(time, rest.substring(blank + 1));
    }

    private static SyslogHead rfc3339(String line) {
        int blank = line.indexOf(' ');
        if (blank < 0) return new SyslogHead(null, null, line);
        Instant time;
        try {
            time = OffsetDateTime.parse(line.substring(0, blank)).toInstant();
        } catch (DateTimeException e) {
            return new SyslogHead(null, null, line);
        }
        String rest = line.substring(blank + 1);
        int host = rest.indexOf(' ');
        return host < 0 ? new SyslogHead(time, null, rest) : tagged(time, rest.substring(host + 1));
    }

    /** {@code tag[pid]: [level: ]message}; without a tag ending in a colon, all is message. */
    private static SyslogHead tagged(Instant time, String rest) {
        int blank = rest.indexOf(' ');
        if (blank <= 0 || rest.charAt(blank - 1) != ':') return new SyslogHead(time, null, rest);
        String tag = rest.substring(0, blank - 1);
        String message = rest.substring(blank + 1);
        for (String level : LEVELS) {
            if (message.startsWith(level)) {
                message = message.substring(level.length());
                break;
            }
        }
        int pid = tag.indexOf('[');
        return new SyslogHead(time, pid > 0 ? tag.substring(0, pid) : tag, message);
    }

    private static Instant exact(String epoch, Instant fallback) {
        int dot = epoch.indexOf('.');
        try {
            if (dot < 0) return Instant.ofEpochSecond(Long.parseLong(epoch));
            String micros = (epoch.substring(dot + 1) + "000000").substring(0, 6);
            return Instant.ofEpochSecond(Long.parseLong(epoch.substring(0, dot)), Long.parseLong(micros) * 1000);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
