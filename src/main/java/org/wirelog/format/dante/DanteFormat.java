package org.wirelog.format.dante;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.wirelog.model.Command;
import org.wirelog.model.Endpoint;
import org.wirelog.model.Event;
import org.wirelog.model.Event.DataTransferred;
import org.wirelog.model.Event.Notice;
import org.wirelog.model.Event.SessionClosed;
import org.wirelog.model.Event.SessionOpened;
import org.wirelog.model.Event.SessionRefused;
import org.wirelog.model.LinkCounters;
import org.wirelog.model.Session;
import org.wirelog.model.TcpInfo;
import org.wirelog.model.Traffic;
import org.wirelog.output.EventFormat;

/**
 * Dante's traffic log, as the real Dante 1.4.2 writes it:
 * {@code Nov 23 11:51:32 (1795434692.105619) wirelog[42]: info: pass(1): tcp/connect [: CLIENT PROXY-INT -> PROXY-EXT TARGET}.
 */
public final class DanteFormat implements EventFormat {

    /** Dante's strftime("%h %e %T"): the day of month is padded with a space. */
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ENGLISH);
    /** Zeros by how many digits the microseconds lack. */
    private static final String[] ZEROS = {"", "0", "00", "000", "0000", "00000"};

    private final String program;
    private final ZoneId zone;
    /** The date part of the last line's stamp: lines come many to a second, and formatting a date is costly. */
    private SecondStamp lastSecond = new SecondStamp(Long.MIN_VALUE, "");

    /** The text up to the opening parenthesis, for one second; immutable, so safe to share between threads. */
    private record SecondStamp(long epochSecond, String text) {
    }

    public DanteFormat(String program, long pid, ZoneId zone) {
        this.program = program + "[" + pid + "]";
        this.zone = zone;
    }

    public static DanteFormat forThisProcess() {
        return new DanteFormat("wirelog", ProcessHandle.current().pid(), ZoneId.systemDefault());
    }

    @Override
    public String line(Event event, String message) {
        var time = event.time();
        SecondStamp second = lastSecond;
        if (second.epochSecond() != time.getEpochSecond()) {
            second = new SecondStamp(time.getEpochSecond(), STAMP.format(time.atZone(zone)) + " (" + time.getEpochSecond() + ".");
            lastSecond = second;
        }
        int micros = time.getNano() / 1000;
        // One concatenation: the JDK sizes the line once and copies each part once (a builder copies the message
        // into itself and again into the string).
        return second.text() + zerosBefore(micros) + micros + ") " + program + ": " + event.level().word() + ": "
                + message;
    }

    /** The zeros that pad microseconds (0 to 999,999) to six digits. */
    private static String zerosBefore(int micros) {
        int digits = 1;
        for (int rest = micros; rest >= 10; rest /= 10) digits++;
        return ZEROS[6 - digits];
    }

    /**
     * The line's text after the level; whatever a peer chose (a hostname, a user name) cannot break the line. Only
     * the TCP_INFO block, which wirelog itself renders, continues on lines of its own, as Dante's does.
     */
    @Override
    public String message(Event event) {
        String text = text(event);
        if (mayCarryPeerText(event)) text = Vis.controls(text);
        TcpInfo.Pair tcpInfo = switch (event) {
            case SessionOpened opened -> opened.tcpInfo();
            case SessionClosed closed -> closed.tcpInfo();
            default -> null;
        };
        if (tcpInfo == null) return text;
        StringBuilder withBlock = new StringBuilder(text);
        TcpInfoBlock.append(withBlock, tcpInfo);
        return withBlock.toString();
    }

    /**
     * Whether a peer could have chosen any of the event's text: a hostname or user name it sent, a reason or notice
     * that may quote one. A line of addresses, numbers and Dante's own words needs no search for control characters
     * (240 ns for a CONNECT's 151-character line, measured alone); a new field that carries a peer's text must be
     * named here, and {@code LogInjectionTest} brings hostile text in by every way it knows.
     */
    private static boolean mayCarryPeerText(Event event) {
        return switch (event) {
            case SessionOpened opened -> carriesNames(opened.session());
            case SessionClosed closed -> carriesNames(closed.session())
                    || (closed.reason() != null && closed.reason().detail() != null);
            default -> true;
        };
    }

    private static boolean carriesNames(Session s) {
        return named(s.client()) || named(s.internal()) || named(s.external()) || named(s.nextProxy())
                || named(s.lastProxy()) || named(s.target());
    }

    private static boolean named(Endpoint endpoint) {
        return endpoint != null && (endpoint.hostname() != null || endpoint.identity() != null);
    }

    private static String text(Event event) {
        return switch (event) {
            case SessionOpened opened -> appendPath(head(opened.session(), "[: "), opened.session(), "->").toString();
            case DataTransferred io -> transfer(io);
            case SessionClosed closed -> closed(closed);
            case SessionRefused refused -> {
                StringBuilder line = appendPath(head(refused.session(), "]: "), refused.session(), "->");
                if (refused.reason() != null) line.append(": ").append(refused.reason());
                yield line.toString();
            }
            case Notice notice -> notice.text();
        };
    }

    private static StringBuilder head(Session session, String marker) {
        return session.verdict().appendTo(new StringBuilder(160)).append(": ")
                .append(session.protocol().word()).append('/').append(session.command().word())
                .append(' ').append(marker);
    }

    /**
     * CLIENT PROXY-INT ARROW PROXY-EXT [NEXTPROXY [LASTPROXY-EXT]] TARGET, as far as the session has them; the log's
     * lines have {@code ->}, the status dump's {@code <->}.
     */
    public static String path(Session s, String arrow) {
        return appendPath(new StringBuilder(100), s, arrow).toString();
    }

    /** {@link #path(Session, String)} appended to a line being built. */
    private static StringBuilder appendPath(StringBuilder out, Session s, String arrow) {
        s.client().appendTo(out).append(' ');
        s.internal().appendTo(out);
        if (s.hasDestination()) appendDestination(out.append(' ').append(arrow).append(' '), s);
        return out;
    }

    /** TARGET [LASTPROXY-EXT] NEXTPROXY PROXY-EXT -> PROXY-INT CLIENT: the path read backwards. */
    private static StringBuilder appendReversePath(StringBuilder out, Session s) {
        s.target().appendTo(out);
        if (s.lastProxy() != null) s.lastProxy().appendTo(out.append(" [")).append(']');
        if (s.nextProxy() != null) s.nextProxy().appendTo(out.append(' '));
        s.external().appendTo(out.append(' ')).append(" -> ");
        s.internal().appendTo(out).append(' ');
        return s.client().appendTo(out);
    }

    /** PROXY-EXT [NEXTPROXY [LASTPROXY-EXT]] TARGET. */
    private static StringBuilder appendDestination(StringBuilder out, Session s) {
        s.external().appendTo(out);
        if (s.nextProxy() != null) s.nextProxy().appendTo(out.append(' '));
        if (s.lastProxy() != null) s.lastProxy().appendTo(out.append(" [")).append(']');
        return s.target().appendTo(out.append(' '));
    }

    private static String transfer(DataTransferred io) {
        Session s = io.session();
        StringBuilder line = head(s, "-: ");
        if (io.direction() == org.wirelog.model.Direction.FROM_CLIENT) appendPath(line, s, "->"); else appendReversePath(line, s);
        if (io.length() >= 0) line.append(" (").append(io.length()).append(')');
        if (io.error() != null) line.append(": ").append(io.error());
        if (io.data() != null && io.length() > 0) line.append(": ").append(Vis.encode(io.data()));
        return line.toString();
    }

    private static String closed(SessionClosed closed) {
        Session s = closed.session();
        StringBuilder line = head(s, "]: ");
        Traffic traffic = closed.traffic();
        if (traffic == null) {
            appendPath(line, s, "->");
        } else if (s.command() == Command.ACCEPT) {
            // The accept line counts what we wrote to each side: to the client, and to the target.
            long toTarget = traffic.target() == null ? 0 : traffic.target().written();
            s.client().appendTo(line.append(traffic.client().written()).append(" -> ")).append(' ');
            s.internal().appendTo(line).append(" -> ").append(toTarget);
        } else {
            boolean packets = s.command().protocol() == org.wirelog.model.Protocol.UDP;
            LinkCounters c = traffic.client();
            s.client().appendTo(count(line, c.written(), c.packetsWritten(), packets).append(" -> ")).append(' ');
            s.internal().appendTo(line).append(" -> ");
            count(line, c.read(), c.packetsRead(), packets);
            if (s.hasDestination() && traffic.target() != null) {
                LinkCounters t = traffic.target();
                appendDestination(count(line.append(", "), t.written(), t.packetsWritten(), packets).append(" -> "), s)
                        .append(" -> ");
                count(line, t.read(), t.packetsRead(), packets);
            }
        }
        if (closed.reason() != null) {
            line.append(": ").append(closed.reason().text());
            if (traffic != null) {
                long seconds = closed.time().getEpochSecond() - s.begin().getEpochSecond();
                line.append(".  Session duration: ").append(Math.max(0, seconds)).append('s');
            }
        }
        return line.toString();
    }

    private static StringBuilder count(StringBuilder line, long bytes, long packets, boolean withPackets) {
        line.append(bytes);
        if (withPackets) line.append('/').append(packets);
        return line;
    }
}
