package org.wirelog.metrics;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.wirelog.output.Log;
import org.wirelog.sys.Pcap;

/**
 * What no event carries, read from its owner at each scrape: the log's queue and output, the NAT tracker's
 * flows, libpcap's capture counters.
 */
public final class ProcessMetrics {

    private final PrometheusRegistry registry;

    public ProcessMetrics(PrometheusRegistry registry) {
        this.registry = registry;
    }

    public void log(Log log) {
        GaugeWithCallback.builder().name("wirelog_log_queue_depth")
                .help("Events waiting for the log writer").callback(cb -> cb.call(log.queueDepth())).register(registry);
        CounterWithCallback.builder().name("wirelog_log_lines_written_total")
                .help("Lines written to the log's destinations (one line to two destinations counts twice)")
                .callback(cb -> cb.call(log.linesWritten())).register(registry);
    }

    public void natFlows(IntSupplier flows) {
        GaugeWithCallback.builder().name("wirelog_nat_flows_tracked")
                .help("Flows the NAT tracker holds now: seen and not yet logged").callback(cb -> cb.call(flows.getAsInt()))
                .register(registry);
    }

    /** libpcap's {@code pcap_stats} per capturing device (devices mode only: a file drops nothing). */
    public void capture(Supplier<Map<String, Pcap.Stats>> stats) {
        CounterWithCallback.builder().name("wirelog_capture_packets_received_total")
                .help("Packets libpcap received on the device (pcap_stats ps_recv)").labelNames("device")
                .callback(cb -> stats.get().forEach((device, s) -> cb.call(s.received(), device))).register(registry);
        CounterWithCallback.builder().name("wirelog_capture_packets_dropped_total")
                .help("Packets dropped because libpcap's buffer was full (pcap_stats ps_drop)").labelNames("device", "by")
                .callback(cb -> stats.get().forEach((device, s) -> {
                    cb.call(s.dropped(), device, "kernel");
                    cb.call(s.interfaceDropped(), device, "interface");
                })).register(registry);
    }
}
