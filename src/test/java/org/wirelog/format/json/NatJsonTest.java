package org.wirelog.format.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wirelog.nat.ConntrackRecording;
import org.wirelog.nat.ConntrackRecording.Entry;
import org.wirelog.testing.Eventually;
import org.wirelog.testing.JsonLines;
import org.wirelog.testing.WirelogProcess;

/**
 * {@code wirelog nat --log-format json} as a real process in conntrack mode, fed natlog's recorded conntrack events
 * by a stand-in conntrack: the log file and stdout get one object per NEW (open) and per DESTROY (close), read by
 * python's JSON parser and checked against the recording, value by value; the flow still open at SIGTERM is closed
 * as natlog's EOP.
 */
class NatJsonTest {

    private static final String INPUT = "conntrack/A-all-raw.input.txt";
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void opensAndClosesCarryTheTranslationsOfTheRecording() throws Exception {
        List<Entry> recording = ConntrackRecording.entries(INPUT);
        long destroys = recording.stream().filter(Entry::destroy).count();
        Path log = dir.resolve("nat.json");
        List<String> stdout;
        try (WirelogProcess nat = WirelogProcess.start("nat", "-c", "/dev/null", "-P", "all", "--no-daemon", "--stdout",
                "--log-format", "json", "--log", log.toString(), "--conntrack-command",
                ConntrackRecording.standIn(dir, INPUT).toString(), "conntrack")) {
            Eventually.await("every DESTROY logged", Duration.ofSeconds(30),
                    () -> Eventually.linesSoFar(log).stream().filter(l -> l.contains("\"event\":\"close\"")).count() == destroys);
            nat.signal("TERM");
            assertThat(nat.waitFor(Duration.ofSeconds(30))).as(nat.stderr()).isZero();
            stdout = nat.stdout();
        }
        List<String> lines = Files.readAllLines(log);
        assertThat(stdout).isEqualTo(lines);
        List<Map<String, String>> events = JsonLines.parse(lines);
        List<Map<String, String>> sessions = events.stream().filter(e -> !e.get("event").equals("notice")).toList();
        assertThat(events).filteredOn(e -> e.get("event").equals("notice")).extracting(e -> e.get("text"))
                .contains("processing: icmp or udp or tcp", "received signal 15 (SIGTERM)", "monitoring conntrack ends");

        Map<String, Entry> opened = new HashMap<>();
        Map<String, String> sessionOfFlow = new HashMap<>();
        List<Map<String, String>> expected = new java.util.ArrayList<>();
        for (Entry entry : recording) {
            if (!entry.destroy()) {
                opened.put(entry.flow(), entry);
                expected.add(open(entry));
            } else {
                expected.add(close(opened.remove(entry.flow()), entry));
            }
        }
        Entry stillOpen = opened.values().stream().findFirst().orElseThrow();
        assertThat(opened).hasSize(1);
        expected.add(close(stillOpen, null));

        assertThat(sessions).hasSameSizeAs(expected);
        for (int i = 0; i < sessions.size(); i++) {
            Map<String, String> actual = new LinkedHashMap<>(sessions.get(i));
            String session = actual.remove("session");
            String flow = expected.get(i).remove("flow");
            // the open and the close of one translation share their session id, and no other does
            if (expected.get(i).get("event").equals("open")) {
                assertThat(sessionOfFlow.values()).doesNotContain(session);
                sessionOfFlow.put(flow, session);
            } else {
                assertThat(session).isEqualTo(sessionOfFlow.get(flow));
            }
            assertThat(actual).as("session event " + i).isEqualTo(expected.get(i));
        }
    }

    private static Map<String, String> translation(String event, Entry e, long micros) {
        Map<String, String> json = new LinkedHashMap<>();
        json.put("time", time(micros));
        json.put("event", event);
        json.putAll(Map.of("protocol", e.protocol(), "command", "nat", "verdict", "pass", "rule", "0",
                "client.host", e.source(), "client.port", Integer.toString(e.sourcePort()),
                "external.host", e.via(), "external.port", Integer.toString(e.viaPort()),
                "target.host", e.destination(), "target.port", Integer.toString(e.destinationPort())));
        json.put("flow", e.flow());
        return json;
    }

    private static Map<String, String> open(Entry created) {
        return translation("open", created, created.micros());
    }

    /** @param destroyed null for the flow still open at the end: natlog's EOP, ended when it began, without counts */
    private static Map<String, String> close(Entry created, Entry destroyed) {
        long end = destroyed == null ? created.micros() : destroyed.micros();
        Map<String, String> json = translation("close", created, end);
        json.put("begin", time(created.micros()));
        if (destroyed == null) {
            json.putAll(Map.of("clientLink.written", "0", "clientLink.read", "0", "targetLink.written", "0", "targetLink.read", "0",
                    "reason", "server exiting"));
        } else {
            json.putAll(Map.of("clientLink.written", Long.toString(destroyed.replyBytes()), "clientLink.read", Long.toString(destroyed.bytes()),
                    "clientLink.packetsWritten", Long.toString(destroyed.replyPackets()),
                    "clientLink.packetsRead", Long.toString(destroyed.packets()),
                    "targetLink.written", Long.toString(destroyed.bytes()), "targetLink.read", Long.toString(destroyed.replyBytes()),
                    "targetLink.packetsWritten", Long.toString(destroyed.packets()),
                    "targetLink.packetsRead", Long.toString(destroyed.replyPackets())));
        }
        json.put("seconds", Double.toString((end - created.micros()) / 1000 / 1000.0));
        return json;
    }

    private static String time(long micros) {
        return RFC3339.format(Instant.ofEpochSecond(micros / 1_000_000, micros % 1_000_000 * 1000));
    }
}
