package org.wirelog.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.wirelog.format.json.Json;

/** The status page's data as JSON: {@code /sessions.json} and {@code /status.json}. */
final class StatusJson {

    private static final int TOP = 10;

    private StatusJson() {
    }

    static String sessions(List<LiveSession> sessions, Instant now) {
        List<Json> rows = sessions.stream().map(s -> new Json().put("id", s.id()).put("protocol", s.protocol())
                .put("command", s.command()).put("client", s.client()).put("target", s.target())
                .put("begin", s.begin().toString()).put("ageSeconds", Math.max(0, Duration.between(s.begin(), now).toSeconds()))
                .put("bytesFromClient", s.bytesFromClient() < 0 ? null : s.bytesFromClient())
                .put("bytesFromTarget", s.bytesFromTarget() < 0 ? null : s.bytesFromTarget())).toList();
        return new Json().put("time", now.toString()).put("sessions", rows).toString();
    }

    static String status(String mode, Instant started, Instant now, Throughput throughput, StatusBoard board) {
        return new Json().put("mode", mode).put("started", started.toString()).put("time", now.toString())
                .put("throughput", new Json().put("stepSeconds", 1).put("bytes", throughput.lastSeconds()))
                .put("topClients", talkers(board.topClients(TOP))).put("topTargets", talkers(board.topTargets(TOP)))
                .put("recentBlocks", board.recentBlocks().stream().map(b -> new Json().put("time", b.time().toString())
                        .put("command", b.command()).put("client", b.client()).put("target", b.target())
                        .put("verdict", b.verdict()).put("reason", b.reason())).toList())
                .toString();
    }

    private static List<Json> talkers(List<Talkers.Talker> talkers) {
        return talkers.stream().map(t -> new Json().put("host", t.host()).put("sessions", t.sessions()).put("bytes", t.bytes()))
                .toList();
    }
}
