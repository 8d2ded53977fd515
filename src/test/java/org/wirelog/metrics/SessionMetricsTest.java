package org.wirelog.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.wirelog.model.Command;
import org.wirelog.model.EndReason;
import org.wirelog.model.Endpoint;
import org.wirelog.model.Event;
import org.wirelog.model.LinkCounters;
import org.wirelog.model.Session;
import org.wirelog.model.Traffic;
import org.wirelog.model.Verdict;
import org.wirelog.testing.PrometheusText;

/** The session counters from events, read back through the Prometheus text format as a scraper sees them. */
class SessionMetricsTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final SessionMetrics metrics = new SessionMetrics("socks", registry);

    private static Endpoint at(String ip, int port) {
        return Endpoint.of(InetAddress.ofLiteral(ip), port);
    }

    private static Session connect(int rule) {
        return new Session(Session.nextId(), Command.CONNECT.protocol(), Command.CONNECT, Verdict.pass(rule),
                at("10.0.0.1", 40000), at("10.0.0.254", 1080), at("192.0.2.1", 50000), null, null, at("198.51.100.7", 80), T);
    }

    private static Session accept() {
        return Session.of(Command.ACCEPT, Verdict.pass(1), at("10.0.0.1", 40000), at("10.0.0.254", 1080), T);
    }

    private PrometheusText scrape() throws IOException {
        var out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, registry.scrape(), null);
        return new PrometheusText(out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aSessionIsOpenUntilItClosesAndItsBytesCountOnceEachWay() throws IOException {
        Session s = connect(3);
        metrics.emit(new Event.SessionOpened(T, s));
        assertThat(scrape().sum("wirelog_sessions_open", "command", "connect", "rule", "3", "verdict", "pass")).isEqualTo(1);

        Traffic traffic = new Traffic(LinkCounters.bytes(700, 120), LinkCounters.bytes(120, 700));
        metrics.emit(new Event.SessionClosed(T, s, traffic, EndReason.of(EndReason.Kind.CLIENT_CLOSED)));

        PrometheusText after = scrape();
        assertThat(after.sum("wirelog_sessions_open")).isZero();
        assertThat(after.sum("wirelog_sessions_total", "mode", "socks", "protocol", "tcp", "command", "connect")).isEqualTo(1);
        assertThat(after.sum("wirelog_bytes_total", "direction", "from_client")).isEqualTo(120);
        assertThat(after.sum("wirelog_bytes_total", "direction", "from_target")).isEqualTo(700);
        assertThat(after.sum("wirelog_session_errors_total")).isZero();
    }

    @Test
    void anAcceptDoesNotCountTheBytesOfItsRequestAgain() throws IOException {
        Session a = accept();
        metrics.emit(new Event.SessionOpened(T, a));
        metrics.emit(new Event.SessionClosed(T, a, new Traffic(LinkCounters.bytes(5, 9), null), EndReason.of(EndReason.Kind.CLIENT_CLOSED)));

        assertThat(scrape().sum("wirelog_sessions_total", "command", "accept")).isEqualTo(1);
        assertThat(scrape().sum("wirelog_bytes_total")).isZero();
    }

    @Test
    void aSessionReportedOnlyAtItsEndIsCountedOnceAndNeverOpen() throws IOException {
        Session nat = connect(0).withCommand(Command.NAT);
        metrics.emit(new Event.SessionClosed(T, nat, new Traffic(LinkCounters.bytes(10, 20), LinkCounters.bytes(20, 10)), null));

        assertThat(scrape().sum("wirelog_sessions_total", "command", "nat")).isEqualTo(1);
        assertThat(scrape().sum("wirelog_sessions_open")).isZero();
    }

    @Test
    void errorsAndTimeoutsAreCountedByTheirEndReasonAndNormalClosesAreNot() throws IOException {
        for (EndReason reason : new EndReason[] {EndReason.error(EndReason.Kind.TARGET_ERROR, "Connection reset by peer"),
                EndReason.of(EndReason.Kind.IO_TIMEOUT), EndReason.of(EndReason.Kind.IO_TIMEOUT), EndReason.of(EndReason.Kind.TARGET_CLOSED)}) {
            Session s = connect(1);
            metrics.emit(new Event.SessionOpened(T, s));
            metrics.emit(new Event.SessionClosed(T, s, Traffic.ZERO, reason));
        }
        PrometheusText scrape = scrape();
        assertThat(scrape.sum("wirelog_session_errors_total", "reason", "remote peer error (Connection reset by peer)")).isEqualTo(1);
        assertThat(scrape.sum("wirelog_session_errors_total", "reason", "i/o timeout")).isEqualTo(2);
        assertThat(scrape.sum("wirelog_session_errors_total")).isEqualTo(3);
    }

    @Test
    void aRefusalOfAnOpenAcceptTakesItOffTheOpenGaugeAndCountsByReasonClass() throws IOException {
        Session a = accept();
        metrics.emit(new Event.SessionOpened(T, a));
        metrics.emit(new Event.SessionRefused(T, a.withVerdict(Verdict.block(1)),
                "error after reading 3 bytes in 0 seconds: client closed"));
        metrics.emit(new Event.SessionRefused(T, connect(2).withVerdict(Verdict.block(2)), null));

        PrometheusText scrape = scrape();
        assertThat(scrape.sum("wirelog_sessions_open")).isZero();
        assertThat(scrape.sum("wirelog_sessions_refused_total", "command", "accept", "reason", "negotiation_error")).isEqualTo(1);
        assertThat(scrape.sum("wirelog_sessions_refused_total", "command", "connect", "reason", "blocked")).isEqualTo(1);
    }
}
