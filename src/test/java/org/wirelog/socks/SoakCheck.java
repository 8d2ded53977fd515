package org.wirelog.socks;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a soak's Dante log (connect disconnect ioop) and holds it against what the clients recorded: every line whole,
 * one {@code [:} and one {@code ]:} per session, every counter equal to the bytes the peers exchanged, and the
 * {@code -:} lines of a session adding up to its counters. Problems are collected, not thrown, to show them all.
 */
final class SoakCheck {

    private static final Pattern LINE = Pattern.compile(
            "[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\(\\d+\\.\\d{6}\\) wirelog\\[\\d+\\]: (\\w+): (.*)");
    private static final Pattern SESSION = Pattern.compile("pass\\(1\\): (tcp/accept|tcp/connect|udp/udpassociate|udp/udpreply) ([\\[\\]-]): (.*)");
    private static final String EP = "(127\\.0\\.0\\.1\\.\\d+)";
    private static final Pattern OPENED = Pattern.compile(EP + " " + EP + "(?: -> " + EP + " " + EP + ")?");
    private static final Pattern IO = Pattern.compile(EP + " " + EP + " -> " + EP + " " + EP + " \\((\\d+)\\)");
    private static final Pattern ACCEPT_CLOSED = Pattern.compile("(\\d+) -> " + EP + " " + EP + " -> (\\d+): [a-z ]+\\.  Session duration: \\d+s");
    private static final Pattern CONNECT_CLOSED = Pattern.compile("(\\d+) -> " + EP + " " + EP + " -> (\\d+), (\\d+) -> " + EP + " " + EP
            + " -> (\\d+): [a-z ]+\\.  Session duration: \\d+s");
    private static final Pattern UDP_CLOSED = Pattern.compile("(\\d+)/(\\d+) -> " + EP + " " + EP + " -> (\\d+)/(\\d+), (\\d+)/(\\d+) -> "
            + EP + " " + EP + " -> (\\d+)/(\\d+): [a-z ]+\\.  Session duration: \\d+s");
    private static final Pattern NOTICE = Pattern.compile("wirelog/server\\[1/1\\] v\\S+ running|sigterm\\(\\): exiting on signal 15"
            + "|mother\\[1/1\\]: shutting down");
    /** A SOCKS UDP header for an IPv4 target: RSV(2) FRAG(1) ATYP(1) ADDR(4) PORT(2). */
    private static final int UDP_HEADER = 10;

    /** A session's closing line, its counters as printed and the sums of its {@code -:} lines. */
    private record Closed(long[] counters, long ioFromClient, long ioFromTarget) {
    }

    /** A session between its {@code [:} and {@code ]:}: what its {@code -:} lines added up to. */
    private static final class Open {
        long fromClient, fromTarget;
    }

    private final List<String> problems = new ArrayList<>();
    private final Map<String, Long> lineCounts = new TreeMap<>();
    private final Map<String, Open> open = new HashMap<>();
    /** Per kind and client endpoint, the closings in log order (a client port may serve several sessions in turn). */
    private final Map<String, ArrayDeque<Closed>> closings = new HashMap<>();

    List<String> problems() {
        return problems;
    }

    /** Lines per kind, e.g. {@code tcp/connect ]:}. */
    Map<String, Long> lineCounts() {
        return lineCounts;
    }

    static SoakCheck of(List<String> log, List<SoakLoad.Exchange> exchanges) {
        SoakCheck check = new SoakCheck();
        for (int i = 0; i < log.size(); i++) check.line(i + 1, log.get(i));
        check.open.keySet().forEach(key -> check.problem("no ]: for the session opened as " + key));
        check.compare(exchanges);
        return check;
    }

    private void line(int number, String text) {
        Matcher line = LINE.matcher(text);
        if (!line.matches()) {
            problem("line " + number + " is torn or not wirelog's: " + text);
            return;
        }
        Matcher session = SESSION.matcher(line.group(2));
        if (!session.matches()) {
            if (!NOTICE.matcher(line.group(2)).matches()) problem("line " + number + " is unexpected: " + text);
            return;
        }
        String kind = session.group(1), marker = session.group(2), rest = session.group(3);
        lineCounts.merge(kind + " " + marker + ":", 1L, Long::sum);
        switch (marker) {
            case "[" -> opened(number, kind, rest);
            case "-" -> transferred(number, kind, rest);
            default -> closed(number, kind, rest);
        }
    }

    private void opened(int number, String kind, String rest) {
        Matcher m = OPENED.matcher(rest);
        if (!m.matches()) {
            problem("line " + number + ": torn [: line: " + rest);
            return;
        }
        if (open.putIfAbsent(key(kind, m.group(1)), new Open()) != null) problem("line " + number + ": a second [: for " + key(kind, m.group(1)));
    }

    private void transferred(int number, String kind, String rest) {
        Matcher m = IO.matcher(rest);
        if (!m.matches()) {
            problem("line " + number + ": torn -: line: " + rest);
            return;
        }
        long bytes = Long.parseLong(m.group(5));
        // From the client the line starts with the client; back to it (a reply, a udpreply) it ends with it.
        Open fromClient = kind.equals("udp/udpreply") ? null : open.get(key(kind, m.group(1)));
        Open toClient = open.get(key(kind.equals("udp/udpreply") ? "udp/udpassociate" : kind, m.group(4)));
        if (fromClient != null) {
            fromClient.fromClient += bytes;
        } else if (toClient != null) {
            toClient.fromTarget += bytes;
        } else {
            problem("line " + number + ": -: line of no open session: " + rest);
        }
    }

    private void closed(int number, String kind, String rest) {
        Pattern pattern = switch (kind) {
            case "tcp/accept" -> ACCEPT_CLOSED;
            case "tcp/connect" -> CONNECT_CLOSED;
            default -> UDP_CLOSED;
        };
        Matcher m = pattern.matcher(rest);
        if (!m.matches()) {
            problem("line " + number + ": torn or unexpected ]: line: " + rest);
            return;
        }
        List<Long> numbers = new ArrayList<>();
        String client = null;
        for (int g = 1; g <= m.groupCount(); g++) {
            String value = m.group(g);
            if (value.startsWith("127.")) {
                if (client == null) client = value;
            } else {
                numbers.add(Long.parseLong(value));
            }
        }
        Open session = open.remove(key(kind, client));
        if (session == null) {
            problem("line " + number + ": ]: without [: for " + key(kind, client));
            return;
        }
        long[] counters = numbers.stream().mapToLong(Long::longValue).toArray();
        closings.computeIfAbsent(key(kind, client), k -> new ArrayDeque<>()).add(new Closed(counters, session.fromClient, session.fromTarget));
    }

    /** Each recorded session against its closing lines, in turn per client endpoint (ports are used again). */
    private void compare(List<SoakLoad.Exchange> exchanges) {
        long accepts = lineCounts.getOrDefault("tcp/accept ]:", 0L);
        if (accepts != exchanges.size()) problem(exchanges.size() + " sessions but " + accepts + " tcp/accept ]: lines");
        for (SoakLoad.Exchange e : exchanges) {
            String command = key(e.udp() ? "udp/udpassociate" : "tcp/connect", "127.0.0.1." + e.clientPort());
            long d = e.datagrams();
            long[] expected = e.udp()
                    ? new long[] {e.received() + UDP_HEADER * d, d, e.sent() + UDP_HEADER * d, d, e.sent(), d, e.received(), d}
                    : new long[] {e.received(), e.sent(), e.sent(), e.received()};
            Closed closed = next(command);
            if (closed == null) {
                problem(command + ": recorded by its client, never closed in the log");
                continue;
            }
            if (!Arrays.equals(closed.counters(), expected)) {
                problem(command + ": counters " + Arrays.toString(closed.counters()) + ", the peers exchanged " + Arrays.toString(expected));
            }
            if (closed.ioFromClient() != e.sent() || closed.ioFromTarget() != e.received()) {
                problem(command + ": -: lines add up to " + closed.ioFromClient() + "/" + closed.ioFromTarget() + ", the peers exchanged "
                        + e.sent() + "/" + e.received());
            }
            // The accept line counts what went to the client (a UDP reply with its header) and to the target.
            String accept = key("tcp/accept", "127.0.0.1." + e.controlPort());
            Closed accepted = next(accept);
            long[] expectedAccept = {e.received() + (e.udp() ? UDP_HEADER * d : 0), e.sent()};
            if (accepted == null || !Arrays.equals(accepted.counters(), expectedAccept)) {
                problem(accept + ": counters " + (accepted == null ? "missing" : Arrays.toString(accepted.counters()))
                        + ", the peers exchanged " + Arrays.toString(expectedAccept));
            }
        }
        closings.forEach((key, left) -> {
            if (!left.isEmpty()) problem(key + ": " + left.size() + " closed in the log, recorded by no client");
        });
    }

    private Closed next(String key) {
        ArrayDeque<Closed> queue = closings.get(key);
        return queue == null ? null : queue.poll();
    }

    private static String key(String kind, String client) {
        return kind + " " + client;
    }

    private void problem(String text) {
        if (problems.size() < 50) problems.add(text);
    }
}
