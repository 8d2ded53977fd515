package org.wirelog.nat;

import java.util.ArrayList;
import java.util.List;
import org.wirelog.model.Event;
import org.wirelog.model.EventSink;

/** An event sink that keeps what it is given, in order. */
final class Collected implements EventSink {

    final List<Event> events = new ArrayList<>();

    @Override
    public synchronized void emit(Event event) {
        events.add(event);
    }

    synchronized List<Event> events() {
        return List.copyOf(events);
    }
}
