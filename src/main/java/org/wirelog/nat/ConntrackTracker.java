package org.wirelog.nat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.wirelog.model.EndReason;
import org.wirelog.model.EventSink;
import org.wirelog.model.Protocol;
import org.wirelog.model.Session;

/**
 * natlog's conntrack mode: a translation opens with conntrack's NEW and is logged at its DESTROY, with
 * conntrack's own time stamps and byte counts (whole IP packets). The NEW is an event too (the session
 * opened), for the outputs that report creations (JSON, IPFIX); natlog's own outputs show only the end. Entries are keyed by their whole
 * original tuple, so two inside hosts using the same icmp identifier are two translations.
 */
public final class ConntrackTracker {

    private record Opened(ConntrackEvent event, long micros, Session session) {
    }

    private final Set<Protocol> protocols;
    private final int ipHeaderSize;
    private final EventSink sink;
    private final Map<ConntrackEvent.Tuple, Opened> open = new HashMap<>();

    /** @param ipHeaderSize subtracted from the byte count once per packet, in each direction (0: none) */
    public ConntrackTracker(Set<Protocol> protocols, int ipHeaderSize, EventSink sink) {
        this.protocols = Set.copyOf(protocols);
        this.ipHeaderSize = ipHeaderSize;
        this.sink = sink;
    }

    /**
     * @param nowMicros the time to use when the line carries no time stamp
     * @return false when the event is not one this tracker follows (not NAT, not selected, an UPDATE)
     */
    public boolean accept(ConntrackEvent event, long nowMicros) {
        if (!follows(event)) return false;
        long micros = event.micros() >= 0 ? event.micros() : nowMicros;
        ConntrackEvent.Tuple key = withoutCounts(event.original());
        switch (event.type()) {
            case NEW -> {
                Session session = translation(event).session(Translation.instant(micros));
                open.put(key, new Opened(event, micros, session));
                sink.emit(Translation.opened(session));
            }
            case DESTROY -> {
                Opened opened = open.remove(key);
                // an entry older than this run: its age comes with the timestamp extension, else it began now
                Session session = opened != null ? opened.session() : translation(event).session(Translation.instant(
                        event.deltaSeconds() >= 0 ? micros - event.deltaSeconds() * 1_000_000L : micros));
                log(event, session, micros, true, null);
            }
            case UPDATE -> throw new AssertionError("not followed");
        }
        return true;
    }

    /** NEW and DESTROY of source-natted entries of the selected protocols; UPDATEs say nothing natlog logs. */
    public boolean follows(ConntrackEvent event) {
        return event.type() != ConntrackEvent.Type.UPDATE && event.isSourceNat()
                && protocols.contains(Translation.protocol(event.protocol()));
    }

    /** Logs every entry still open as ended by {@code reason}, oldest first: conntrack has not counted them yet. */
    public void finish(EndReason reason) {
        List<Opened> left = new ArrayList<>(open.values());
        left.sort(Comparator.comparingLong(Opened::micros));
        for (Opened opened : left) log(opened.event(), opened.session(), opened.micros(), false, reason);
        open.clear();
    }

    private static Translation translation(ConntrackEvent e) {
        ConntrackEvent.Tuple o = e.original(), r = e.reply();
        return new Translation(Translation.protocol(e.protocol()), Translation.endpoint(o.source(), o.sourcePort()),
                Translation.endpoint(r.destination(), e.viaPort()), Translation.endpoint(o.destination(), o.destinationPort()));
    }

    private void log(ConntrackEvent e, Session session, long end, boolean counted, EndReason reason) {
        ConntrackEvent.Tuple o = e.original(), r = e.reply();
        sink.emit(Translation.closed(session, Translation.instant(end), reason,
                counted ? corrected(o) : 0, counted ? Math.max(0, o.packets()) : 0,
                counted ? corrected(r) : 0, counted ? Math.max(0, r.packets()) : 0));
    }

    private long corrected(ConntrackEvent.Tuple tuple) {
        if (tuple.bytes() < 0) return 0;
        return Math.max(0, tuple.bytes() - (long) ipHeaderSize * Math.max(0, tuple.packets()));
    }

    private static ConntrackEvent.Tuple withoutCounts(ConntrackEvent.Tuple t) {
        return new ConntrackEvent.Tuple(t.source(), t.destination(), t.sourcePort(), t.destinationPort(), -1, -1);
    }

    public int size() {
        return open.size();
    }
}
