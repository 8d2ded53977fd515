package org.wirelog.model;

/** Where a source sends its events. Implementations must never block the caller on I/O. */
@FunctionalInterface
public interface EventSink {

    EventSink DISCARD = event -> { };

    void emit(Event event);

    /** A sink that hands every event to {@code first}, then to {@code second}. */
    static EventSink tee(EventSink first, EventSink second) {
        return event -> {
            first.emit(event);
            second.emit(event);
        };
    }
}
