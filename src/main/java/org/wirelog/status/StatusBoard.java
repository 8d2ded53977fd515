package org.wirelog.status;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.wirelog.model.Command;
import org.wirelog.model.Event;
import org.wirelog.model.EventSink;
import org.wirelog.model.Session;
import org.wirelog.model.Traffic;

/**
 * The status page's memory, fed by the events as the log is: the sessions open (for modes without a live
 * source of their own), the busiest clients and targets of the sessions that ended, the latest refusals, and
 * the bytes of the sessions that ended.
 */
public final class StatusBoard implements EventSink {

    private static final int RECENT_BLOCKS = 20;

    /** One refusal, as the page lists it. */
    public record Block(Instant time, String command, String client, String target, String verdict, String reason) {
    }

    private final Map<Long, Session> open = new ConcurrentHashMap<>();
    private final Talkers clients = new Talkers();
    private final Talkers targets = new Talkers();
    private final Deque<Block> blocks = new ArrayDeque<>();
    private final AtomicLong closedBytes = new AtomicLong();

    @Override
    public void emit(Event event) {
        switch (event) {
            case Event.SessionOpened e -> open.put(e.session().id(), e.session());
            case Event.SessionClosed e -> closed(e.session(), e.traffic());
            case Event.SessionRefused e -> blocked(e);
            case Event.DataTransferred ignored -> { }
            case Event.Notice ignored -> { }
        }
    }

    private void closed(Session session, Traffic traffic) {
        open.remove(session.id());
        // an accept carries the bytes of the request it turned into again: sessions with a destination count
        if (!session.hasDestination()) return;
        long bytes = traffic == null ? 0 : traffic.client().read() + (traffic.target() == null ? 0 : traffic.target().read());
        closedBytes.addAndGet(bytes);
        clients.add(session.client().host(), bytes);
        if (session.target() != null) targets.add(session.target().toString(), bytes);
    }

    private void blocked(Event.SessionRefused refused) {
        Session s = refused.session();
        open.remove(s.id());
        // Dante's second line for one refused request, the client connection's: the request's own is listed
        if (s.command() == Command.ACCEPT && refused.reason() != null && refused.reason().startsWith("blocked by higher-level")) {
            return;
        }
        var block = new Block(refused.time(), s.command().word(), String.valueOf(s.client()),
                s.target() == null ? null : s.target().toString(), s.verdict().toString(), refused.reason());
        synchronized (blocks) {
            blocks.addFirst(block);
            if (blocks.size() > RECENT_BLOCKS) blocks.removeLast();
        }
    }

    /** The sessions opened and not yet closed, oldest first, without live counters (their end tells the bytes). */
    public LiveSessions openSessions() {
        return () -> open.values().stream().sorted(Comparator.comparingLong(Session::id))
                .map(s -> LiveSessions.live(s, -1, -1)).toList();
    }

    /** Bytes, both ways, of the sessions that ended. */
    public long closedBytes() {
        return closedBytes.get();
    }

    List<Talkers.Talker> topClients(int n) {
        return clients.top(n);
    }

    List<Talkers.Talker> topTargets(int n) {
        return targets.top(n);
    }

    /** The latest refusals, newest first. */
    List<Block> recentBlocks() {
        synchronized (blocks) {
            return List.copyOf(blocks);
        }
    }
}
