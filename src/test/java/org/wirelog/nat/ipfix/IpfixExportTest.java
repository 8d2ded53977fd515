package org.wirelog.nat.ipfix;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wirelog.nat.ConntrackRecording;
import org.wirelog.nat.ConntrackRecording.Entry;
import org.wirelog.nat.ipfix.IpfixDecoder.DataRecord;
import org.wirelog.nat.ipfix.IpfixDecoder.Field;
import org.wirelog.nat.ipfix.IpfixDecoder.Message;
import org.wirelog.nat.ipfix.IpfixDecoder.TemplateRecord;
import org.wirelog.testing.Eventually;
import org.wirelog.testing.Packets;
import org.wirelog.testing.PcapWriter;
import org.wirelog.testing.UdpCollector;
import org.wirelog.testing.UdpCollector.Datagram;
import org.wirelog.testing.WirelogProcess;

/**
 * {@code wirelog nat --ipfix} as a real process in conntrack mode, fed natlog's recorded conntrack events by a
 * stand-in conntrack, exporting to a collector socket of this test: every message is decoded by the test's own
 * decoder and every field checked against the recording (RFC 8158 NAT44 session create for each NEW, delete with its
 * counts for each DESTROY; RFC 7011 headers, sequence numbers, templates first and again after the refresh time);
 * then tshark's IPFIX dissector reads the same messages from a capture and must find the same values, without
 * complaint.
 */
class IpfixExportTest {

    private static final String INPUT = "conntrack/A-all-raw.input.txt";
    private static final long DOMAIN = 4_000_000_042L;
    private static final InetAddress LOOPBACK = InetAddress.ofLiteral("127.0.0.1");

    @TempDir
    Path dir;

    @Test
    void exportsEveryCreateAndDeleteOfTheRecording() throws Exception {
        List<Entry> recording = ConntrackRecording.entries(INPUT);
        List<Map<String, Object>> expected = expectedRecords(recording);
        long deletes = recording.stream().filter(Entry::destroy).count();
        long before = Instant.now().getEpochSecond();
        int port;
        List<Datagram> received;
        try (UdpCollector collector = UdpCollector.on(LOOPBACK)) {
            port = collector.port();
            received = collector.datagrams();
            try (WirelogProcess nat = WirelogProcess.start("nat", "-c", "/dev/null", "-P", "all", "--no-daemon", "--log", "off",
                    "--ipfix", "127.0.0.1:" + port, "--ipfix-domain", Long.toString(DOMAIN), "--ipfix-template-refresh", "1",
                    "--conntrack-command", ConntrackRecording.standIn(dir, INPUT).toString(), "conntrack")) {
                IpfixDecoder watcher = new IpfixDecoder();
                Eventually.await("every delete and a second template message", Duration.ofSeconds(30), () -> {
                    List<Message> so = received.stream().map(r -> watcher.decode(r.bytes())).toList();
                    return so.stream().mapToLong(m -> m.records().stream().filter(r -> r.templateId() == 257).count()).sum() == deletes
                            && so.stream().filter(m -> !m.templates().isEmpty()).count() >= 2;
                });
                nat.signal("TERM");
                assertThat(nat.waitFor(Duration.ofSeconds(30))).as(nat.stderr()).isZero();
            }
            Thread.sleep(200); // the last datagrams, sent before the exit, are on loopback already
        }
        long after = Instant.now().getEpochSecond();

        IpfixDecoder decoder = new IpfixDecoder();
        List<Message> messages = received.stream().map(r -> decoder.decode(r.bytes())).toList();
        long sequence = 0;
        for (Message m : messages) {
            assertThat(m.version()).isEqualTo(10);
            assertThat(m.domain()).isEqualTo(DOMAIN);
            assertThat(m.exportTime()).isBetween(before, after);
            assertThat(m.sequence()).as("data records sent before this message").isEqualTo(sequence);
            assertThat(m.templates().isEmpty() || m.records().isEmpty()).as("templates travel alone").isTrue();
            sequence += m.records().size();
        }
        assertThat(messages.getFirst().templates()).as("the templates come first").isEqualTo(expectedTemplates());
        List<Integer> templateMessages = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            if (!messages.get(i).templates().isEmpty()) {
                assertThat(messages.get(i).templates()).isEqualTo(expectedTemplates());
                templateMessages.add(i);
            }
        }
        assertThat(templateMessages).hasSizeGreaterThanOrEqualTo(2);
        long gap = received.get(templateMessages.get(1)).nanos() - received.get(templateMessages.get(0)).nanos();
        assertThat(TimeUnit.NANOSECONDS.toMillis(gap)).as("the templates again after the refresh time").isBetween(900L, 5000L);

        List<DataRecord> records = messages.stream().flatMap(m -> m.records().stream()).toList();
        assertThat(records).extracting(DataRecord::templateId)
                .isEqualTo(expected.stream().map(r -> r.containsKey("octetDeltaCount") ? 257 : 256).toList());
        assertThat(records.stream().map(DataRecord::values).toList()).as("creates and deletes, in the recording's order")
                .isEqualTo(expected);

        assertTsharkReadsTheSame(received, messages, port);
    }

    /** One create per NEW, one delete per DESTROY with its counts; the flow open at SIGTERM was never deleted. */
    private static List<Map<String, Object>> expectedRecords(List<Entry> recording) {
        Map<String, Entry> opened = new HashMap<>();
        List<Map<String, Object>> expected = new ArrayList<>();
        for (Entry e : recording) {
            Entry created = e.destroy() ? opened.remove(e.flow()) : e;
            if (!e.destroy()) opened.put(e.flow(), e);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("observationTimeMilliseconds", e.micros() / 1000);
            r.put("natEvent", e.destroy() ? 5L : 4L);
            r.put("sourceIPv4Address", created.source());
            r.put("postNATSourceIPv4Address", created.via());
            r.put("protocolIdentifier", switch (created.protocol()) {
                case "icmp" -> 1L;
                case "tcp" -> 6L;
                default -> 17L;
            });
            r.put("sourceTransportPort", (long) created.sourcePort());
            r.put("postNAPTSourceTransportPort", (long) created.viaPort());
            r.put("destinationIPv4Address", created.destination());
            r.put("destinationTransportPort", (long) created.destinationPort());
            if (e.destroy()) {
                r.put("octetDeltaCount", e.bytes());
                r.put("packetDeltaCount", e.packets());
                r.put("reverseOctetDeltaCount", e.replyBytes());
                r.put("reversePacketDeltaCount", e.replyPackets());
            }
            expected.add(r);
        }
        assertThat(opened).as("one flow is left open").hasSize(1);
        return expected;
    }

    /** RFC 8158's NAT44 session template, and the same with RFC 7012's counters and RFC 5103's reverse ones. */
    private static List<TemplateRecord> expectedTemplates() {
        List<Field> session = List.of(new Field(323, 8, 0), new Field(230, 1, 0), new Field(8, 4, 0), new Field(225, 4, 0),
                new Field(4, 1, 0), new Field(7, 2, 0), new Field(227, 2, 0), new Field(12, 4, 0), new Field(11, 2, 0));
        List<Field> withCounts = new ArrayList<>(session);
        withCounts.addAll(List.of(new Field(1, 8, 0), new Field(2, 8, 0), new Field(1, 8, 29305), new Field(2, 8, 29305)));
        return List.of(new TemplateRecord(256, session), new TemplateRecord(257, withCounts));
    }

    private static final String[] TSHARK_FIELDS = {"cflow.version", "cflow.len", "cflow.sequence", "cflow.od_id", "cflow.nat_event",
            "cflow.srcaddr", "cflow.post_natsource_ipv4_address", "cflow.protocol", "cflow.srcport",
            "cflow.post_naptsource_transport_port", "cflow.dstaddr", "cflow.dstport", "cflow.octets", "cflow.packets",
            "cflow.observation_time_milliseconds", "_ws.expert", "_ws.malformed"};
    private static final DateTimeFormatter TSHARK_TIME = DateTimeFormatter.ofPattern("MMM d, yyyy HH:mm:ss.SSS'000000 UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    /** The messages captured (as tcpdump on lo would), read by tshark: per message the values our decoder found, no expert notes. */
    private void assertTsharkReadsTheSame(List<Datagram> received, List<Message> messages, int port) throws Exception {
        Path capture = dir.resolve("ipfix.pcap");
        try (PcapWriter pcap = new PcapWriter(capture, PcapWriter.RAW)) {
            long micros = 1_795_435_400_000_000L;
            for (Datagram r : received) {
                int loopback = Packets.ip(127, 0, 0, 1);
                pcap.frame(micros += 1000, Packets.ipv4(Packets.UDP, loopback, loopback, Packets.udp(40000, port, r.bytes())));
            }
        }
        List<String> command = new ArrayList<>(List.of("tshark", "-r", capture.toString(), "-d", "udp.port==" + port + ",cflow",
                "-T", "fields", "-E", "separator=|", "-E", "occurrence=a"));
        for (String field : TSHARK_FIELDS) command.addAll(List.of("-e", field));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("TZ", "UTC");
        Process tshark = builder.start();
        List<String> rows = new String(tshark.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(tshark.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(tshark.exitValue()).isZero();
        assertThat(rows).hasSameSizeAs(messages);
        for (int i = 0; i < messages.size(); i++) {
            assertThat(rows.get(i)).as("tshark's reading of message " + i).isEqualTo(tsharkRow(messages.get(i)));
        }
    }

    private static String tsharkRow(Message m) {
        List<Map<String, Object>> r = m.records().stream().map(DataRecord::values).toList();
        List<String> counted = new ArrayList<>(), packets = new ArrayList<>();
        for (Map<String, Object> values : r) {
            if (!values.containsKey("octetDeltaCount")) continue;
            counted.addAll(List.of(values.get("octetDeltaCount").toString(), values.get("reverseOctetDeltaCount").toString()));
            packets.addAll(List.of(values.get("packetDeltaCount").toString(), values.get("reversePacketDeltaCount").toString()));
        }
        return String.join("|", List.of(Integer.toString(m.version()), Integer.toString(m.length()), Long.toString(m.sequence()),
                Long.toString(m.domain()), join(r, "natEvent"), join(r, "sourceIPv4Address"), join(r, "postNATSourceIPv4Address"),
                join(r, "protocolIdentifier"), join(r, "sourceTransportPort"), join(r, "postNAPTSourceTransportPort"),
                join(r, "destinationIPv4Address"), join(r, "destinationTransportPort"), String.join(",", counted), String.join(",", packets),
                r.stream().map(v -> TSHARK_TIME.format(Instant.ofEpochMilli((Long) v.get("observationTimeMilliseconds"))))
                        .collect(Collectors.joining(",")), "", ""));
    }

    private static String join(List<Map<String, Object>> records, String name) {
        return records.stream().map(v -> v.get(name).toString()).collect(Collectors.joining(","));
    }
}
