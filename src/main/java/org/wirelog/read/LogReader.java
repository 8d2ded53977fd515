package org.wirelog.read;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.wirelog.format.AsciiBytes;
import org.wirelog.format.dante.DanteLineReader;
import org.wirelog.format.dante.DanteSessions;
import org.wirelog.format.ipprot.ConnectionEntry;
import org.wirelog.format.ipprot.ConnectionLogReader;
import org.wirelog.format.natlog.NatlogFields;
import org.wirelog.format.natlog.NatlogLineReader;
import org.wirelog.format.natlog.NatlogStatusLine;
import org.wirelog.format.natlog.NatlogTableReader;
import org.wirelog.format.packetlog.IpchainsLineReader;
import org.wirelog.format.packetlog.NetfilterLineReader;
import org.wirelog.model.Event;
import org.wirelog.nat.ConntrackEvent;
import org.wirelog.nat.ConntrackLineParser;

/**
 * Reads logs of every kind wirelog knows into {@link Record}s. The format is told line by line from the
 * content, so a syslog file that mixes danted, natlog and kernel lines reads as well as a file of one
 * kind. A line that cannot be read is reported as a {@link Problem} and skipped. Sessions whose lines are
 * spread over several files (rotated logs) are rebuilt across them; {@link #finish()} gives out those
 * still open at the end.
 */
public final class LogReader {

    /** conntrack's entries of protocols no NAT log is about (igmp, "unknown"): valid lines, nothing to record. */
    private static final Pattern OTHER_CONNTRACK_PROTOCOL = Pattern.compile(
            "\\[(NEW|UPDATE|DESTROY)\\]\\s+(?:ipv[46]\\s+\\d+\\s+)?(?!tcp |udp |icmp )\\w+\\s+\\d+ ");

    private final ReadOptions options;
    private final Consumer<Record> records;
    private final Consumer<Problem> problems;
    private final DanteSessions<Origin> dante;
    private final DanteLineReader danteLines = new DanteLineReader();
    private final ConntrackPairs conntrack;
    private final NatlogLineReader natlog;
    private final ConnectionLogReader ipprot;
    private long lines;
    private long unread;

    public LogReader(ReadOptions options, Consumer<Record> records, Consumer<Problem> problems) {
        this.options = options;
        this.records = records;
        this.problems = problems;
        this.dante = new DanteSessions<>(this::danteEvent);
        this.conntrack = new ConntrackPairs(records);
        this.natlog = new NatlogLineReader(options.year(), options.zone());
        this.ipprot = options.template() == null ? null : new ConnectionLogReader(options.template());
    }

    /** What one file has shown so far that the next line's reading depends on. */
    private static final class FileState {
        final String name;
        NatlogTableReader table;
        boolean afterHeadedLine;
        final List<String> pendingEntry = new ArrayList<>();
        long pendingFrom;

        FileState(String name) {
            this.name = name;
        }
    }

    /**
     * Reads one log. A log that cannot be read to its end (damaged or cut-short compressed data, a read
     * error) is one problem, at the first line not read, naming what went wrong and where; what was read
     * before it counts, and the next log is read as usual.
     */
    public void read(LogInputs.Input input) {
        LogLines reader;
        try {
            reader = input.open();
        } catch (IOException e) {
            problem(new Origin(input.name(), 1), "unreadable: " + e.getMessage(), "");
            return;
        }
        try (reader) {
            read(input.name(), reader);
        } catch (IOException e) {
            // from close(): everything was read
        }
    }

    /** @param name the log's name, for the origin of each record and problem */
    public void read(String name, LogLines reader) {
        FileState state = new FileState(name);
        long number = 0;
        while (true) {
            try {
                if (!reader.advance()) break;
            } catch (IOException e) {
                problem(new Origin(name, number + 1), "the rest of the log is unreadable: " + e.getMessage(), "");
                break;
            }
            number++;
            lines++;
            Origin origin = new Origin(name, number);
            try {
                if (!line(reader, origin, state)) problem(origin, "not a line of any log wirelog reads", reader.text());
            } catch (IllegalArgumentException e) {
                problem(origin, e.getMessage(), reader.text());
            }
        }
        if (!state.pendingEntry.isEmpty()) {
            problem(new Origin(name, state.pendingFrom), "connection log entry cut short", String.join("\\n", state.pendingEntry));
        }
    }

    /** Gives out what is still open: sessions opened and never closed, conntrack entries never destroyed. */
    public void finish() {
        dante.finish();
        conntrack.finish();
    }

    public long lines() {
        return lines;
    }

    public long unread() {
        return unread;
    }

    /**
     * The current line of {@code lines}. A Dante traffic line (nearly every line of the logs read most) is read
     * from the line's bytes; the others as text.
     *
     * @return false when no reader knows the line
     */
    private boolean line(LogLines lines, Origin origin, FileState state) {
        byte[] bytes = lines.bytes();
        int from = lines.start(), to = lines.end();
        // Only a line starting with a blank or a control character (or beyond ASCII) can be blank.
        if ((to == from || bytes[from] <= ' ') && lines.text().isBlank()) return true;
        if (ipprot != null && (state.pendingEntry.size() > 0 || ipprot.linesPerEntry() == 1) && entry(lines.text(), origin, state)) return true;
        SyslogHead head = SyslogHead.parse(bytes, from, to, options.year(), options.zone());
        boolean headed = head.time() != null;
        boolean continuation = state.afterHeadedLine && !headed;
        if (headed) state.afterHeadedLine = true;
        if (DanteLineReader.looksLikeTraffic(bytes, head.messageFrom(), to)) {
            dante.accept(head.time(), danteLines.read(bytes, head.messageFrom(), to), origin);
            return true;
        }
        String message = AsciiBytes.text(bytes, head.messageFrom(), to);
        String packet = withoutKernelStamp(message);
        if (IpchainsLineReader.looksLikePacket(packet)) {
            records.accept(Record.PacketSeen.read(origin, LogKind.IPCHAINS, head.time(), packet));
            return true;
        }
        if (NetfilterLineReader.looksLikePacket(packet)) {
            records.accept(Record.PacketSeen.read(origin, LogKind.NETFILTER, head.time(), packet));
            return true;
        }
        if (NatlogLineReader.looksLikeConnection(message)) {
            NatlogFields fields = natlog.read(message);
            if (fields == null) throw new IllegalArgumentException("not a natlog connection line");
            natlog(origin, LogKind.NATLOG, fields);
            return true;
        }
        if (NatlogStatusLine.is(message)) return true;
        if (message.contains("[NEW]") || message.contains("[DESTROY]") || message.contains("[UPDATE]")) {
            ConntrackEvent event = ConntrackLineParser.parseAnyFamily(message);
            if (event == null && OTHER_CONNTRACK_PROTOCOL.matcher(message).find()) return true;
            if (event == null) throw new IllegalArgumentException("not a conntrack -E line of tcp, udp or icmp");
            conntrack.accept(origin, event);
            return true;
        }
        if (NatlogTableReader.isHeader(message)) {
            state.table = NatlogTableReader.ofHeader(message);
            return true;
        }
        if (NatlogTableReader.looksLikeRow(message)) {
            NatlogTableReader table = state.table != null ? state.table : NatlogTableReader.guessed(message);
            natlog(origin, LogKind.NATLOG_TABLE, table.read(message));
            return true;
        }
        if (ipprot != null && ipprot.linesPerEntry() > 1) {
            state.pendingEntry.add(lines.text());
            state.pendingFrom = origin.line();
            return true;
        }
        // A program's line that is no connection (a start notice, a warning), or natlog's own status lines.
        if (headed) return true;
        return continuation && DanteContinuation.is(lines.text());
    }

    /** One line of a connection log entry; the entry is read when all its lines are there. */
    private boolean entry(String line, Origin origin, FileState state) {
        if (state.pendingEntry.isEmpty()) state.pendingFrom = origin.line();
        state.pendingEntry.add(line);
        if (state.pendingEntry.size() < ipprot.linesPerEntry()) return true;
        String text = String.join("\n", state.pendingEntry);
        ConnectionEntry entry = ipprot.entry(text);
        Origin first = new Origin(origin.file(), state.pendingFrom);
        state.pendingEntry.clear();
        if (entry == null) {
            if (ipprot.linesPerEntry() == 1) return false;
            problem(first, "not an entry of the connection log format " + options.template(), text);
            return true;
        }
        Event.SessionClosed closed = ForwardedConnection.closed(entry);
        records.accept(new Record.Connection(first, LogKind.IPPROT, closed.session(), closed.time(), closed.traffic(),
                entry.reason(), false));
        return true;
    }

    private void natlog(Origin origin, LogKind kind, NatlogFields fields) {
        Event.SessionClosed closed = fields.closed();
        records.accept(new Record.Connection(origin, kind, closed.session(), closed.time(), closed.traffic(),
                fields.status().word(), false));
    }

    private void danteEvent(Event event, Origin origin) {
        switch (event) {
            case Event.SessionClosed c -> records.accept(new Record.Connection(origin, LogKind.DANTE, c.session(), c.time(),
                    c.traffic(), c.reason() == null ? null : c.reason().text(), false));
            case Event.SessionRefused r -> records.accept(new Record.Connection(origin, LogKind.DANTE, r.session(), r.time(),
                    null, r.reason(), true));
            case Event.SessionOpened o -> records.accept(new Record.Connection(origin, LogKind.DANTE, o.session(), null,
                    null, "open at the end of the log", false));
            default -> {
            }
        }
    }

    /** dmesg and kernel syslog lines put {@code [ 1234.567890] } (seconds since boot) before the packet. */
    private static String withoutKernelStamp(String message) {
        if (!message.startsWith("[")) return message;
        int close = message.indexOf("] ");
        return close > 0 && message.substring(1, close).trim().matches("\\d+\\.\\d+") ? message.substring(close + 2) : message;
    }

    private void problem(Origin origin, String reason, String line) {
        unread++;
        problems.accept(new Problem(origin, reason, line));
    }
}
