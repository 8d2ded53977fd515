package org.wirelog.output;

import org.wirelog.model.Event;

/** Renders events as text lines: one class per log format the field reads. */
public interface EventFormat {

    /** The message for an event without any line prefix, or null when this format does not show the event. */
    String message(Event event);

    /** The whole line as written to a file or stream: by default the message alone. */
    default String line(Event event, String message) {
        return message;
    }
}
