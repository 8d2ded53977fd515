package org.wirelog.format.natlog;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * natlog's {@code --time}: {@code raw} is {@code SECONDS:MICROSECONDS}; {@code utc} and {@code local} are
 * {@code Nov  3 11:56:04:086668} (day padded with a blank), {@code utc} marking its lines {@code (UTC)}.
 * Unlike natlog 3.00.01, {@code local} really uses the local time zone.
 */
public enum TimeStyle {
    RAW, UTC, LOCAL;

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ENGLISH);

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TimeStyle of(String word) {
        for (TimeStyle style : values()) if (style.word().equals(word)) return style;
        throw new IllegalArgumentException("time specification must be raw, utc or local, not `" + word + "'");
    }

    /** The time as this style prints it; {@code zone} is used by {@code local} only. */
    public String format(Instant time, ZoneId zone) {
        return appendTo(new LineBuffer(26), time, zone).toString();
    }

    /** Appends what {@link #format} returns. */
    LineBuffer appendTo(LineBuffer out, Instant time, ZoneId zone) {
        return switch (this) {
            case RAW -> appendMicros(out.append(time.getEpochSecond()).append(':'), time);
            case UTC -> appendClock(out, time, ZoneOffset.UTC);
            case LOCAL -> appendClock(out, time, zone);
        };
    }

    /** The clock form natlog's table always uses, whatever {@code --time} says. */
    static String clock(Instant time, ZoneId zone) {
        return appendClock(new LineBuffer(22), time, zone).toString();
    }

    private static LineBuffer appendClock(LineBuffer out, Instant time, ZoneId zone) {
        return appendMicros(out.append(CLOCK.format(time.atZone(zone))).append(':'), time);
    }

    private static LineBuffer appendMicros(LineBuffer out, Instant time) {
        return out.appendPadded(time.getNano() / 1000, 6, '0');
    }
}
