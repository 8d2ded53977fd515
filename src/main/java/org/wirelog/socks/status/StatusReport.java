package org.wirelog.socks.status;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.wirelog.format.dante.DanteFormat;
import org.wirelog.model.Protocol;
import org.wirelog.model.Session;
import org.wirelog.relay.RelayCounters;

/**
 * The SIGUSR1 (SIGINFO) status dump in Dante's words (REPORT section 5): a summary, the limits, the UDP latency
 * statistics, and one {@code tcp:}/{@code udp:} line per open session. Dante's mother and child processes each
 * print a few lines; wirelog is one process, and its summary says so instead of listing children.
 */
public final class StatusReport {

    private StatusReport() {
    }

    /**
     * @param version    wirelog's version, for the first line
     * @param sessionCap the server's cap on client connections (0: none)
     */
    public static List<String> lines(ActiveSessions active, String version, int sessionCap, Instant now) {
        List<String> lines = new ArrayList<>();
        Duration up = Duration.between(active.started(), now);
        // Dante: no comma before "c:", and the uptime without seconds.
        lines.add("wirelog v" + version + " up " + up.toDays() + " days, " + up.toHoursPart() + ":"
                + two(up.toMinutesPart()) + ", a: " + active.accepted() + ", h: " + active.handled() + " c: "
                + active.connections());
        lines.add("wirelog is one process (pid " + ProcessHandle.current().pid() + ") up " + upWithSeconds(up)
                + ": every client connection runs on a virtual thread of its own, there are no child processes");
        lines.add(limits(sessionCap, active.connections()));
        latency(lines, "read-only", active.readLatency());
        latency(lines, "i/o", active.ioLatency());
        for (ActiveSessions.Active session : active.sessions()) lines.add(session(session, now));
        return lines;
    }

    /** {@code tcp: CLIENT PROXY-INT <-> PROXY-EXT TARGET: age: 2s, idle: 2s, bytes transferred: 4 (...) <-> 7 (...)}. */
    static String session(ActiveSessions.Active active, Instant now) {
        Session s = active.session();
        RelayCounters c = active.counters();
        long age = Math.max(0, Duration.between(s.begin(), now).toSeconds());
        long idle = Duration.ofNanos(c.idleNanos()).toSeconds();
        StringBuilder line = new StringBuilder(200).append(s.protocol().word()).append(": ")
                .append(DanteFormat.path(s, "<->")).append(": age: ").append(age).append("s, idle: ").append(idle)
                .append("s, bytes transferred: ");
        if (s.protocol() == Protocol.UDP) {
            line.append(c.bytesFromClient()).append(" <-> ").append(c.bytesFromTarget()).append(", packets: ")
                    .append(c.packetsFromClient()).append(" <-> ").append(c.packetsFromTarget());
        } else {
            // Dante counts bytes it holds in its own buffers; wirelog writes what it reads before reading more.
            line.append(c.bytesFromClient()).append(" (+ 0 buffered (0 + 0 + 0)) <-> ").append(c.bytesFromTarget())
                    .append(" (+ 0 buffered (0 + 0 + 0))");
        }
        return line.toString();
    }

    private static void latency(List<String> lines, String kind, LatencyStats stats) {
        LatencyStats.Summary s = stats.summary();
        if (s == null) {
            lines.add("no " + kind + " latency information available (yet)");
            return;
        }
        lines.add(kind + " latency statistics based on last " + s.packets() + " packets: "
                + "min/max/median/average/last/stddev: " + s.min() + "/" + s.max() + "/" + s.median() + "/" + s.average()
                + "/" + s.last() + "/" + s.stddev() + " (us)");
    }

    /** Dante's {@code max limits:} line, for what limits wirelog: open files and its session cap. */
    private static String limits(int sessionCap, int open) {
        StringBuilder line = new StringBuilder("max limits: ");
        long files = openFileLimit();
        long used = openFiles();
        line.append("files: ").append(files < 0 ? "unknown" : String.valueOf(files));
        if (files >= 0 && used >= 0) line.append(" (").append(files - used).append(" free)");
        line.append(", sessions: ");
        if (sessionCap == 0) {
            line.append("no cap");
        } else {
            line.append(sessionCap).append(" (").append(Math.max(0, sessionCap - open)).append(" free)");
        }
        return line.toString();
    }

    private static long openFileLimit() {
        try {
            for (String row : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (row.startsWith("Max open files")) return Long.parseLong(row.substring(26).trim().split("\\s+")[0]);
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static long openFiles() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException e) {
            return -1;
        }
    }

    private static String upWithSeconds(Duration up) {
        return up.toDays() + " days, " + up.toHoursPart() + ":" + two(up.toMinutesPart()) + ":" + two(up.toSecondsPart());
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : String.valueOf(n);
    }
}
