package org.wirelog.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.wirelog.model.EndReason;
import org.wirelog.model.Event;
import org.wirelog.model.EventSink;
import org.wirelog.model.Session;
import org.wirelog.model.Traffic;

/**
 * The session counters, fed by the same events as the log: a sink beside it. Sessions are labelled by mode,
 * protocol, command, verdict and rule; bytes are counted when a session closes, from its traffic, so that they are exact
 * (the {@code -:} events exist only where a rule logs I/O). Cheap enough for a relay thread: a few map lookups
 * per session, none per I/O operation.
 */
public final class SessionMetrics implements EventSink {

    private final String mode;
    private final Counter sessions;
    private final Gauge open;
    private final Counter bytes;
    private final Counter refusals;
    private final Counter errors;
    /** The label values of each session opened and not yet closed: its close takes it off the gauge. */
    private final Map<Long, String[]> opened = new ConcurrentHashMap<>();

    /** @param mode the label of everything counted here: socks, forward or nat */
    public SessionMetrics(String mode, PrometheusRegistry registry) {
        this.mode = mode;
        sessions = Counter.builder().name("wirelog_sessions_total")
                .help("Sessions seen: counted when they open, or when they close if their opening was never reported (NAT)")
                .labelNames("mode", "protocol", "command", "verdict", "rule").register(registry);
        open = Gauge.builder().name("wirelog_sessions_open").help("Sessions open now")
                .labelNames("mode", "protocol", "command", "verdict", "rule").register(registry);
        bytes = Counter.builder().name("wirelog_bytes_total")
                .help("Bytes relayed by sessions that ended, each way (from_client: client to target; from_target: back)")
                .labelNames("mode", "direction").register(registry);
        refusals = Counter.builder().name("wirelog_sessions_refused_total")
                .help("Requests refused or failed before they were open (rules, negotiation, limits, connect errors)")
                .labelNames("mode", "command", "reason").register(registry);
        errors = Counter.builder().name("wirelog_session_errors_total")
                .help("Open sessions that ended in an error or a timeout, by Dante's end reason")
                .labelNames("mode", "reason").register(registry);
    }

    @Override
    public void emit(Event event) {
        switch (event) {
            case Event.SessionOpened e -> opened(e.session());
            case Event.SessionClosed e -> closed(e.session(), e.traffic(), e.reason());
            case Event.SessionRefused e -> refused(e.session(), e.reason());
            case Event.DataTransferred ignored -> { }
            case Event.Notice ignored -> { }
        }
    }

    private void opened(Session session) {
        String[] labels = labels(session);
        if (opened.putIfAbsent(session.id(), labels) != null) return;
        sessions.labelValues(labels).inc();
        open.labelValues(labels).inc();
    }

    /** A refusal ends a session that was open (an accept whose request failed) as a close does. */
    private void refused(Session session, String reason) {
        String[] labels = opened.remove(session.id());
        if (labels != null) open.labelValues(labels).dec();
        refusals.labelValues(mode, session.command().word(), RefusalReason.of(reason)).inc();
    }

    private void closed(Session session, Traffic traffic, EndReason reason) {
        String[] labels = opened.remove(session.id());
        if (labels != null) {
            open.labelValues(labels).dec();
        } else {
            sessions.labelValues(labels(session)).inc();
        }
        // An accept carries the same bytes as the request it turned into: only sessions with a destination count.
        if (traffic != null && session.hasDestination()) {
            if (traffic.client().read() > 0) bytes.labelValues(mode, "from_client").inc(traffic.client().read());
            if (traffic.target() != null && traffic.target().read() > 0) {
                bytes.labelValues(mode, "from_target").inc(traffic.target().read());
            }
        }
        if (reason != null && isError(reason.kind())) errors.labelValues(mode, reason.text()).inc();
    }

    private static boolean isError(EndReason.Kind kind) {
        return switch (kind) {
            case CLIENT_ERROR, TARGET_ERROR, CONNECT_TIMEOUT, IO_TIMEOUT, FIN_WAIT_TIMEOUT -> true;
            case CLIENT_CLOSED, TARGET_CLOSED, SHUTDOWN -> false;
        };
    }

    private String[] labels(Session session) {
        return new String[] {mode, session.protocol().word(), session.command().word(), session.verdict().pass() ? "pass" : "block",
                Integer.toString(session.verdict().rule())};
    }
}
