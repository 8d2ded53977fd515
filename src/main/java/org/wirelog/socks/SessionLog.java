package org.wirelog.socks;

import java.nio.channels.SocketChannel;
import java.time.Instant;
import java.util.function.Supplier;
import org.wirelog.config.ErrorLogging;
import org.wirelog.model.Direction;
import org.wirelog.model.EndReason;
import org.wirelog.model.Event;
import org.wirelog.model.EventSink;
import org.wirelog.model.Level;
import org.wirelog.model.Session;
import org.wirelog.model.TcpInfo;
import org.wirelog.model.Traffic;
import org.wirelog.relay.RelayListener;
import org.wirelog.rules.LogKeyword;
import org.wirelog.rules.Rule;

/**
 * Emits a session's events as the rule that decided it asks: {@code connect} for {@code [:},
 * {@code disconnect} for {@code ]:}, {@code ioop}/{@code data} for {@code -:}, and any of these for the
 * lines of a refusal (REPORT 3.9).
 */
final class SessionLog {

    private final EventSink sink;
    /** Sees every session event whatever the rule logs: the metrics and the status page count them all. */
    private final EventSink observer;
    private final int debug;
    private final ErrorLogging errorLogging;

    SessionLog(EventSink sink, EventSink observer, int debug, ErrorLogging errorLogging) {
        this.sink = sink;
        this.observer = observer;
        this.debug = debug;
        this.errorLogging = errorLogging;
    }

    void opened(Rule rule, Session session) {
        emit(rule.logs(LogKeyword.CONNECT), new Event.SessionOpened(Instant.now(), session));
    }

    /**
     * {@code [:} with the TCP_INFO of its sockets where the rule logs {@code tcpinfo}.
     *
     * @param target the target's socket, or null where there is none yet (the accept line)
     */
    void opened(Rule rule, Session session, SocketChannel client, SocketChannel target) {
        boolean logged = rule.logs(LogKeyword.CONNECT);
        TcpInfo.Pair tcpInfo = logged && rule.logs(LogKeyword.TCPINFO) ? TcpInfos.read(client, target) : null;
        emit(logged, new Event.SessionOpened(Instant.now(), session, tcpInfo));
    }

    void closed(Rule rule, Session session, Traffic traffic, EndReason reason) {
        closed(rule, session, traffic, reason, null);
    }

    /** {@code ]:} with the TCP_INFO its sockets had as the relay ended, where the rule logs {@code tcpinfo}. */
    void closed(Rule rule, Session session, Traffic traffic, EndReason reason, TcpInfo.Pair tcpInfo) {
        TcpInfo.Pair shown = rule.logs(LogKeyword.TCPINFO) ? tcpInfo : null;
        emit(rule.logs(LogKeyword.DISCONNECT), new Event.SessionClosed(Instant.now(), session, traffic, reason, shown));
    }

    void refused(Rule rule, Session session, String reason) {
        emit(logsRefusals(rule), new Event.SessionRefused(Instant.now(), session, reason));
    }

    private void emit(boolean logged, Event event) {
        observer.emit(event);
        if (logged) sink.emit(event);
    }

    /**
     * A {@code -:} line without a byte count: a datagram or reply that was dropped (blocked by a rule, malformed,
     * from a stranger) or failed, logged as Dante logs blocks.
     *
     * @param error the text after the endpoints, or null
     */
    void dropped(Rule rule, Session session, Direction direction, String error) {
        if (logsRefusals(rule)) sink.emit(new Event.DataTransferred(Instant.now(), session, direction, -1, null, error));
    }

    /**
     * A listener for the relay that writes {@code -:} lines, or none when the rule logs no I/O; at {@code debug: 2}
     * also a debug line per operation.
     */
    RelayListener io(Rule rule, Session session) {
        RelayListener lines = ioLines(rule, session);
        if (debug < 2) return lines;
        return (direction, data) -> {
            verbose("io(): session " + session.id() + ": " + data.remaining() + " bytes "
                    + (direction == org.wirelog.model.Direction.FROM_CLIENT ? "from client " + session.client()
                    : "from target " + session.target()));
            lines.transferred(direction, data);
        };
    }

    private RelayListener ioLines(Rule rule, Session session) {
        boolean withData = rule.logs(LogKeyword.DATA);
        if (!withData && !rule.logs(LogKeyword.IOOP)) return RelayListener.NONE;
        return (direction, data) -> {
            byte[] copy = null;
            if (withData && data.hasRemaining()) {
                copy = new byte[data.remaining()];
                data.get(copy);
            }
            long length = copy != null ? copy.length : data.remaining();
            sink.emit(new Event.DataTransferred(Instant.now(), session, direction, length, copy, null));
        };
    }

    /** A line of wirelog's own about refusals of a rule's session (summed up), where the rule logs refusals. */
    void refusalNotice(Rule rule, String text) {
        if (logsRefusals(rule)) notice(Level.INFO, text);
    }

    /** A line of wirelog's own about the server, at this level. */
    void notice(Level level, String text) {
        sink.emit(Event.Notice.of(level, text));
    }

    /** A debug line; its text is built only when {@code debug:} asks for it (most sessions: never). */
    void debug(Supplier<String> text) {
        if (debug > 0) sink.emit(Event.Notice.of(Level.DEBUG, text.get()));
    }

    /** Debug lines only {@code debug: 2} wants: one per I/O operation and the like. */
    void verbose(String text) {
        if (debug > 1) sink.emit(Event.Notice.of(Level.DEBUG, text));
    }

    /**
     * A system error met on one side ({@code ECONNREFUSED}, {@code EAI_NONAME}): a line of its own when an
     * {@code *.log.warning.error:} or {@code *.log.error.error:} line names it (REPORT section 6).
     *
     * @param error the errno or EAI_* name, or null when it is none wirelog knows
     */
    void systemError(ErrorLogging.Side side, String error, String text) {
        if (error == null) return;
        errorLogging.levelFor(side, error).ifPresent(level -> sink.emit(Event.Notice.of(level, text)));
    }

    /** A limit refused a session: a line whatever the rule logs, so that an operator sees every refusal. */
    void protectionRefused(Session session, String reason) {
        emit(true, new Event.SessionRefused(Instant.now(), session, reason));
    }

    private static boolean logsRefusals(Rule rule) {
        return rule.logs(LogKeyword.CONNECT) || rule.logs(LogKeyword.DISCONNECT) || rule.logs(LogKeyword.IOOP)
                || rule.logs(LogKeyword.DATA);
    }
}
