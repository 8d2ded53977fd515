package org.wirelog.format.natlog;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.wirelog.model.Endpoint;
import org.wirelog.model.Protocol;

/**
 * Reads natlog connection lines back into fields: as natlog 3.00 writes them (zero-padded addresses,
 * {@code ip,port}), with any of {@code --no-bytes}, {@code --no-via}, {@code --no-dst}; as natlog 2.03's
 * page shows them ({@code From}, {@code ip:port}, microseconds not padded); with or without the syslog tag
 * {@code NATLOG:}. A part a line does not show reads as {@link Endpoint#UNSET} or 0 bytes.
 * The clock forms carry no year, so the reader is told which one; {@code raw} needs none.
 */
public final class NatlogLineReader {

    private static final String IP = "(\\d{1,3}(?:\\.\\d{1,3}){3})";
    private static final String PORT = "(?:[,:](\\d+))?";
    private static final Pattern LINE = Pattern.compile("(?:NATLOG: )?[Ff]rom (.+?) thru (.+?)( \\(UTC\\))?: +(tcp|udp|icmp) +"
            + IP + PORT + " *(?:\\(via: " + IP + PORT + "\\) *)?(?:to " + IP + PORT + "; *)?"
            + "(?:sent: +(\\d+), received: +(\\d+))?( \\(EOP\\)| \\(EXPIRED\\))? *");
    private static final Pattern RAW = Pattern.compile("(\\d+):(\\d{1,6})");
    /** {@code Nov 23 12:03:34:163059}: the clock, then the microseconds (not zero-padded by natlog 2.03). */
    private static final Pattern CLOCK_TIME = Pattern.compile("([A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d):(\\d{1,6})");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("yyyy MMM ppd HH:mm:ss", Locale.ENGLISH);

    private final int year;
    private final ZoneId localZone;

    /** @param year the year of clock-form times; @param localZone the zone of clock-form times without {@code (UTC)} */
    public NatlogLineReader(int year, ZoneId localZone) {
        this.year = year;
        this.localZone = localZone;
    }

    /** A cheap test for the start of a connection line. */
    public static boolean looksLikeConnection(String line) {
        return line.startsWith("from ") || line.startsWith("From ") || line.startsWith("NATLOG: ");
    }

    /** @return the fields of a connection line, or null when the line is not one (a status line) */
    public NatlogFields read(String line) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) return null;
        ZoneId zone = m.group(3) != null ? ZoneOffset.UTC : localZone;
        String marker = m.group(13);
        NatlogStatus status = marker == null ? NatlogStatus.OK : marker.contains("EOP") ? NatlogStatus.EOP : NatlogStatus.EXPIRED;
        return new NatlogFields(Protocol.valueOf(m.group(4).toUpperCase(Locale.ROOT)), endpoint(m.group(5), m.group(6)),
                endpoint(m.group(7), m.group(8)), endpoint(m.group(9), m.group(10)), count(m.group(11)),
                count(m.group(12)), time(m.group(1), zone), time(m.group(2), zone), status);
    }

    private static Endpoint endpoint(String ip, String port) {
        if (ip == null) return Endpoint.UNSET;
        return NatlogFields.parseEndpoint(ip, port == null ? 0 : Integer.parseInt(port));
    }

    private static long count(String text) {
        return text == null ? 0 : Long.parseLong(text);
    }

    /** @throws IllegalArgumentException when the text is no time of natlog's, or one out of range */
    private Instant time(String text, ZoneId zone) {
        try {
            Matcher raw = RAW.matcher(text);
            if (raw.matches()) return Instant.ofEpochSecond(Long.parseLong(raw.group(1)), Long.parseLong(raw.group(2)) * 1000);
            Matcher clock = CLOCK_TIME.matcher(text);
            if (clock.matches()) {
                return LocalDateTime.parse(year + " " + clock.group(1), CLOCK).atZone(zone).toInstant()
                        .plusNanos(Long.parseLong(clock.group(2)) * 1000);
            }
        } catch (DateTimeException | ArithmeticException | NumberFormatException e) {
            // a time of the right shape but out of range (the 31st of February, a second past the year 10^9)
        }
        throw new IllegalArgumentException("not a time of natlog's: " + text);
    }
}
