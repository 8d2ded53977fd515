package org.wirelog.status;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.wirelog.metrics.ProcessMetrics;
import org.wirelog.metrics.SessionMetrics;
import org.wirelog.model.EventSink;

/**
 * What {@code --metrics} runs for one mode: the metrics and the status board fed by the session events, the
 * per-second throughput, and the HTTP server that shows them. A mode wires its sources in, then calls
 * {@link #start()}; without {@code --metrics} it does the same with {@link #off}, which serves nothing.
 */
public final class Monitor implements AutoCloseable {

    /** How much history the throughput chart keeps. */
    private static final int CHART_SECONDS = 300;

    private final String mode;
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final StatusBoard board = new StatusBoard();
    private final EventSink sessions;
    private final ProcessMetrics process = new ProcessMetrics(registry);
    private final Instant started = Instant.now();
    private final Throughput throughput;
    private final StatusServer server;
    private volatile LiveSessions live = board.openSessions();
    private volatile boolean liveCounters;
    private ScheduledExecutorService sampler;

    private Monitor(String mode, InetSocketAddress at) throws IOException {
        this.mode = mode;
        // off, the sources' events go nowhere: no cost per session for what nobody can see
        this.sessions = at == null ? EventSink.DISCARD : EventSink.tee(new SessionMetrics(mode, registry), board);
        this.throughput = new Throughput(CHART_SECONDS, this::bytesSoFar);
        this.server = at == null ? null : new StatusServer(at, registry,
                () -> StatusJson.sessions(live.now(), Instant.now()),
                () -> StatusJson.status(mode, started, Instant.now(), throughput, board));
    }

    /** Binds {@code at} now (a port in use fails here, at start); serves from {@link #start()}. */
    public static Monitor serving(String mode, InetSocketAddress at) throws IOException {
        return new Monitor(mode, at);
    }

    /** Counts nothing anyone sees: the mode's wiring stays the same without {@code --metrics}. */
    public static Monitor off(String mode) {
        try {
            return new Monitor(mode, null);
        } catch (IOException e) {
            throw new IllegalStateException("no server, no I/O", e);
        }
    }

    /** Where a mode sends its session events (besides the log). */
    public EventSink sessions() {
        return sessions;
    }

    /** The gauges read from their owners. */
    public ProcessMetrics process() {
        return process;
    }

    /** A mode that knows its open sessions with live byte counts (SOCKS) lists them instead of the board's. */
    public void liveSessions(LiveSessions source) {
        live = source;
        liveCounters = true;
    }

    public void start() {
        if (server == null) return;
        sampler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("wirelog-throughput").daemon(true).factory());
        sampler.scheduleAtFixedRate(throughput::sample, 1, 1, TimeUnit.SECONDS);
        server.start();
    }

    /** The address served, with the real port where 0 was asked; null when off. */
    public InetSocketAddress address() {
        return server == null ? null : server.address();
    }

    public String mode() {
        return mode;
    }

    /** Bytes relayed so far both ways: of the sessions that ended, and of the open ones where they are counted live. */
    private long bytesSoFar() {
        long bytes = board.closedBytes();
        if (liveCounters) {
            for (LiveSession s : live.now()) bytes += Math.max(0, s.bytesFromClient()) + Math.max(0, s.bytesFromTarget());
        }
        return bytes;
    }

    @Override
    public void close() {
        if (sampler != null) sampler.shutdownNow();
        if (server != null) server.close();
    }
}
