package org.wirelog.model;

/** Where a source sends its events. Implementations must never block the caller on I/O. */
@FunctionalInterface
public interface EventSink {

    EventSink DISCARD = event -> { };

    void emit(Event event);
}
