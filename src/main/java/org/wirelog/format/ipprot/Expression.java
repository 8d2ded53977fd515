package org.wirelog.format.ipprot;

import java.util.function.Function;

/**
 * The {@code %} expressions of a connection log format (-C) that stand for a connection metric. The page
 * names %e, %i, %s and %S; the others follow its letters: %p, %h and %P are the values of the options of
 * the same letters. {@code %%} and {@code %n} are plain text and live in {@link Template}. A reader takes
 * %r (free text) as short as the text after it allows, and %f as a name without blanks.
 */
public enum Expression {
    BEGIN('s', "date and time of connection begin, RFC 3339 (yyyy-mm-dd HH:MM:SS+hh:mm)", Rfc3339.PATTERN,
            e -> Rfc3339.format(e.begin())),
    END('e', "date and time of connection end, RFC 3339 (yyyy-mm-dd HH:MM:SS+hh:mm)", Rfc3339.PATTERN,
            e -> Rfc3339.format(e.end())),
    DURATION_SECONDS('S', "duration of the connection in whole seconds", "\\d+",
            e -> Long.toString(e.duration().toSeconds())),
    DURATION_MICROS('D', "duration of the connection in microseconds", "\\d+",
            e -> Long.toString(e.duration().toNanos() / 1000)),
    CLIENT_IP('i', "ip address of connection establisher", Expression.HOST, ConnectionEntry::clientIp),
    CLIENT_PORT('c', "port of connection establisher", "\\d+", e -> Integer.toString(e.clientPort())),
    LISTEN_IP('l', "ip address the establisher connected to (ours)", Expression.HOST, ConnectionEntry::listenIp),
    LISTEN_PORT('p', "port the establisher connected to (the inport of -p)", "\\d+", e -> Integer.toString(e.listenPort())),
    TARGET_IP('h', "ip address forwarded to (the out_host of -h/-P)", Expression.HOST, ConnectionEntry::targetIp),
    TARGET_PORT('P', "port forwarded to (the out_port of -P)", "\\d+", e -> Integer.toString(e.targetPort())),
    BYTES_IN('I', "bytes received from connection establisher", "\\d+", e -> Long.toString(e.bytesIn())),
    BYTES_OUT('O', "bytes sent to connection establisher", "\\d+", e -> Long.toString(e.bytesOut())),
    NUMBER('N', "consecutive number n of the connection (as in the -f file name)", "\\d+", e -> Long.toString(e.number())),
    DATA_FILE('f', "data log file of the connection (-f), or - when none", "\\S+",
            e -> e.dataFile() == null ? Expression.NONE : e.dataFile()),
    REASON('r', "why the connection ended or was refused, e.g. local client closed", ".+?", ConnectionEntry::reason);

    /** An IPv4 or IPv6 address, or the name of a destination that did not resolve. */
    private static final String HOST = "[\\w:.%-]+";

    /** What a field shows when the connection has no such value. */
    static final String NONE = "-";

    private final char letter;
    private final String description;
    private final String pattern;
    private final Function<ConnectionEntry, String> render;

    Expression(char letter, String description, String pattern, Function<ConnectionEntry, String> render) {
        this.letter = letter;
        this.description = description;
        this.pattern = pattern;
        this.render = render;
    }

    public char letter() {
        return letter;
    }

    public String description() {
        return description;
    }

    /** A regular expression (without groups) matching what {@link #render} writes. */
    String pattern() {
        return pattern;
    }

    public String render(ConnectionEntry entry) {
        String text = render.apply(entry);
        return text == null ? NONE : text;
    }

    static Expression of(char letter) {
        for (Expression e : values()) {
            if (e.letter == letter) return e;
        }
        return null;
    }
}
