package org.wirelog.format.ipprot;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.Function;
import org.wirelog.model.Endpoint;
import org.wirelog.model.Event;
import org.wirelog.model.Session;
import org.wirelog.model.Traffic;

/**
 * One entry of ipprotd's connection log: what the {@code %} expressions can show of one connection, at the
 * precision the log shows it (times in whole seconds, the duration in microseconds). A reader fills only
 * what its template contains; the rest is null.
 *
 * @param number    the connection's consecutive number n, as in the data file name
 * @param bytesIn   bytes from the connection establisher
 * @param bytesOut  bytes to the connection establisher
 * @param reason    why the connection ended, or why it was refused
 * @param dataFile  the connection's data log file (-f), or null
 */
public record ConnectionEntry(Long number, OffsetDateTime begin, OffsetDateTime end, Duration duration,
                              String clientIp, Integer clientPort, String listenIp, Integer listenPort,
                              String targetIp, Integer targetPort, Long bytesIn, Long bytesOut,
                              String reason, String dataFile) {

    /**
     * The entry of a closed or refused forwarded connection; null for every other event.
     *
     * @param dataFile the data log file name of a connection that was let through, or null without -f
     */
    public static ConnectionEntry of(Event event, ZoneId zone, Function<Session, String> dataFile) {
        return switch (event) {
            case Event.SessionClosed closed -> of(closed.session(), closed.time(), zone, closed.traffic(),
                    closed.reason() == null ? null : closed.reason().text(), dataFile.apply(closed.session()));
            case Event.SessionRefused refused -> of(refused.session(), refused.time(), zone, Traffic.ZERO,
                    refused.reason(), null);
            default -> null;
        };
    }

    private static ConnectionEntry of(Session s, Instant end, ZoneId zone, Traffic traffic, String reason, String dataFile) {
        Traffic counted = traffic == null ? Traffic.ZERO : traffic;
        Endpoint target = s.target();
        return new ConnectionEntry(s.id(), Rfc3339.shown(s.begin(), zone), Rfc3339.shown(end, zone),
                Duration.between(s.begin(), end).truncatedTo(ChronoUnit.MICROS),
                s.client().host(), s.client().port(), s.internal().host(), s.internal().port(),
                target == null ? null : target.host(), target == null ? null : target.port(),
                counted.client().read(), counted.client().written(), reason, dataFile);
    }

    /**
     * Builds an entry from the texts a reader matched; {@code %D} is more precise than {@code %S}.
     *
     * @throws IllegalArgumentException naming a field that is no number, time or duration
     */
    static ConnectionEntry fromFields(Map<Expression, String> fields) {
        String micros = fields.get(Expression.DURATION_MICROS);
        String seconds = fields.get(Expression.DURATION_SECONDS);
        Duration duration;
        try {
            duration = micros != null ? Duration.of(Long.parseLong(micros), ChronoUnit.MICROS)
                    : seconds != null ? Duration.ofSeconds(Long.parseLong(seconds)) : null;
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("a duration beyond any clock: " + (micros != null ? micros + " microseconds" : seconds + " seconds"));
        }
        String file = fields.get(Expression.DATA_FILE);
        return new ConnectionEntry(number(fields, Expression.NUMBER), time(fields, Expression.BEGIN),
                time(fields, Expression.END), duration,
                fields.get(Expression.CLIENT_IP), port(fields, Expression.CLIENT_PORT),
                fields.get(Expression.LISTEN_IP), port(fields, Expression.LISTEN_PORT),
                fields.get(Expression.TARGET_IP), port(fields, Expression.TARGET_PORT),
                number(fields, Expression.BYTES_IN), number(fields, Expression.BYTES_OUT),
                fields.get(Expression.REASON), Expression.NONE.equals(file) ? null : file);
    }

    private static Long number(Map<Expression, String> fields, Expression e) {
        String text = fields.get(e);
        return text == null ? null : Long.parseLong(text);
    }

    private static Integer port(Map<Expression, String> fields, Expression e) {
        String text = fields.get(e);
        return text == null ? null : Integer.parseInt(text);
    }

    private static OffsetDateTime time(Map<Expression, String> fields, Expression e) {
        String text = fields.get(e);
        return text == null ? null : Rfc3339.parse(text);
    }
}
