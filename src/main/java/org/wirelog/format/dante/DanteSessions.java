package org.wirelog.format.dante;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.wirelog.model.Command;
import org.wirelog.model.EndReason;
import org.wirelog.model.Endpoint;
import org.wirelog.model.Event;
import org.wirelog.model.LinkCounters;
import org.wirelog.model.Session;
import org.wirelog.model.Traffic;

/**
 * Rebuilds sessions from Dante's traffic lines: a {@code [:} line opens one, its {@code ]:} line ends it
 * (a {@link Event.SessionClosed} with the begin of the opening line), a {@code ]:} line with a block
 * verdict is a {@link Event.SessionRefused}. {@code -:} lines add nothing the closing line does not
 * say. {@code T} tells where a line came from (a file and line number); each event is given with the
 * origin of the line that ended it, or for a session still open, of the line that opened it. Lines of one session are found by their command and their CLIENT PROXY-INT pair, which Dante
 * repeats on every line of the session (the pid may change between them).
 */
public final class DanteSessions<T> {

    private static final String DURATION = ".  Session duration: ";
    /** Dante's session duration, in whole seconds: no session lasts longer than a billion years. */
    private static final Pattern SECONDS = Pattern.compile("(\\d{1,16})s");

    private record Opened<T>(Session session, T origin) {
    }

    /** What every line of one session repeats. */
    private record Key(Command command, Endpoint client, Endpoint internal) {
        /** The ports alone tell sessions apart well enough, and are cheaper to hash than addresses and users. */
        @Override
        public int hashCode() {
            return (client.port() * 31 + internal.port()) * 31 + command.ordinal();
        }

        /** The lines of one session mostly share their endpoint objects (the reader keeps groups it has read). */
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && command == k.command && same(client, k.client) && same(internal, k.internal);
        }

        private static boolean same(Endpoint a, Endpoint b) {
            return a == b || a.equals(b);
        }
    }

    private final Map<Key, Opened<T>> open = new HashMap<>();
    private final BiConsumer<Event, T> out;

    public DanteSessions(BiConsumer<Event, T> out) {
        this.out = out;
    }

    /** @param time when the line was written, or null when the line carries no time (a log without prefix) */
    public void accept(Instant time, DanteLine line, T origin) {
        switch (line.marker()) {
            case OPENED -> {
                Session session = session(line, Session.nextId(), time);
                open.put(key(session), new Opened<>(session, origin));
            }
            case TRANSFER -> {
                // Counted again on the closing line.
            }
            case CLOSED -> close(time, line, origin);
        }
    }

    /** Sessions opened but never closed in the lines read: each as a {@link Event.SessionOpened}. */
    public void finish() {
        open.values().stream().sorted((a, b) -> Long.compare(a.session().id(), b.session().id()))
                .forEach(o -> out.accept(new Event.SessionOpened(o.session().begin(), o.session()), o.origin()));
        open.clear();
    }

    /** @throws IllegalArgumentException when the text after "Session duration: " is no number of seconds */
    private static long seconds(String text) {
        Matcher m = SECONDS.matcher(text);
        if (!m.matches()) throw new IllegalArgumentException("not a session duration: " + text);
        return Long.parseLong(m.group(1));
    }

    private void close(Instant time, DanteLine line, T origin) {
        Opened<T> wasOpen = open.remove(key(line));
        Session opened = wasOpen == null ? null : wasOpen.session();
        // What the opening line said, with the closing line's verdict and, when it shows one, its destination.
        Session session = opened == null ? session(line, Session.nextId(), time)
                : line.second() != null ? withLine(opened, line, opened.id(), opened.begin())
                : opened.withVerdict(line.verdict());
        String detail = line.detail();
        int duration = detail == null ? -1 : detail.indexOf(DURATION);
        EndReason reason = detail == null ? null : EndReason.parse(duration < 0 ? detail : detail.substring(0, duration));
        if (opened == null && duration >= 0 && time != null) {
            session = withBegin(session, time.minusSeconds(seconds(detail.substring(duration + DURATION.length()))));
        }
        if (!line.verdict().pass() && reason == null) {
            out.accept(new Event.SessionRefused(time, session, detail), origin);
        } else {
            out.accept(new Event.SessionClosed(time, session, traffic(line), reason), origin);
        }
    }

    private static Traffic traffic(DanteLine line) {
        List<LinkCounters> c = line.counters();
        if (c.isEmpty()) return null;
        if (line.command() == Command.ACCEPT) {
            // W -> CLIENT PROXY-INT -> W2: what was written to the client, and to the target.
            return new Traffic(LinkCounters.bytes(c.get(0).written(), 0), LinkCounters.bytes(c.get(0).read(), 0));
        }
        return new Traffic(c.get(0), c.size() > 1 ? c.get(1) : null);
    }

    /** The session a line shows; a {@code -:} line from the target side is never given here. */
    private static Session session(DanteLine line, long id, Instant time) {
        Session source = new Session(id, line.protocol(), line.command(), line.verdict(), client(line), internal(line),
                null, null, null, null, time);
        return line.second() == null ? source : withLine(source, line, id, time);
    }

    /** {@code base}'s source side with the line's verdict and destination side: one new session, not one per part. */
    private static Session withLine(Session base, DanteLine line, long id, Instant begin) {
        DanteLine.Group d = line.second();
        Endpoint next = null, last = null;
        for (int i = 1; i < d.size() - 1; i++) {
            if (i == d.bracketed()) last = d.get(i); else next = d.get(i);
        }
        return new Session(id, base.protocol(), base.command(), line.verdict(), base.client(), base.internal(),
                d.get(0), next, last, d.size() > 1 ? d.get(d.size() - 1) : null, begin);
    }

    private static Endpoint client(DanteLine line) {
        return line.first().get(0);
    }

    private static Endpoint internal(DanteLine line) {
        return line.first().size() > 1 ? line.first().get(1) : Endpoint.UNSET;
    }

    private static Session withBegin(Session s, Instant begin) {
        return new Session(s.id(), s.protocol(), s.command(), s.verdict(), s.client(), s.internal(), s.external(),
                s.nextProxy(), s.lastProxy(), s.target(), begin);
    }

    private static Key key(Session s) {
        return new Key(s.command(), s.client(), s.internal());
    }

    private static Key key(DanteLine line) {
        return new Key(line.command(), client(line), internal(line));
    }
}
