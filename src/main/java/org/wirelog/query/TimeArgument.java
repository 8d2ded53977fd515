package org.wirelog.query;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** The time and window arguments of {@code wirelog who}. */
public final class TimeArgument {

    private static final DateTimeFormatter SYSLOG = DateTimeFormatter.ofPattern("yyyy MMM d HH:mm:ss", Locale.ENGLISH);

    private TimeArgument() {
    }

    /**
     * {@code @1795435413} or {@code @1795435413.5} (seconds since the epoch, as {@code date -d} takes them);
     * ISO 8601 with an offset ({@code 2026-11-23T12:03:33Z}) or without (in {@code zone});
     * syslog's and natlog's {@code Nov 23 12:03:33} (in {@code year} and {@code zone}).
     *
     * @throws IllegalArgumentException saying which forms are understood
     */
    public static Instant parse(String text, int year, ZoneId zone) {
        String t = text.trim();
        try {
            if (t.startsWith("@")) {
                BigDecimal seconds = new BigDecimal(t.substring(1));
                return Instant.ofEpochSecond(seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
            }
            if (Character.isDigit(t.charAt(0))) {
                String iso = t.replace(' ', 'T');
                try {
                    return OffsetDateTime.parse(iso).toInstant();
                } catch (DateTimeParseException noOffset) {
                    return LocalDateTime.parse(iso).atZone(zone).toInstant();
                }
            }
            return LocalDateTime.parse(year + " " + t.replaceAll(" +", " "), SYSLOG).atZone(zone).toInstant();
        } catch (DateTimeParseException | NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("not a time: " + text
                    + " (use ISO 8601 like 2026-11-23T12:03:33Z, syslog's Nov 23 12:03:33, or @SECONDS)");
        }
    }

    /** {@code 90s}, {@code 5m}, {@code 2h}, {@code 1d}, a plain number of seconds, or ISO 8601 ({@code PT30S}). */
    public static Duration window(String text) {
        String t = text.trim();
        try {
            if (t.startsWith("P") || t.startsWith("p")) return Duration.parse(t);
            char unit = t.charAt(t.length() - 1);
            if (Character.isDigit(unit)) return Duration.ofSeconds(Long.parseLong(t));
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (unit) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new NumberFormatException();
            };
        } catch (DateTimeParseException | NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("not a window: " + text + " (use 30s, 5m, 2h, 1d or PT30S)");
        }
    }
}
