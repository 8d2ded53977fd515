package org.wirelog.output;

import org.wirelog.model.Level;

/**
 * One configured log output: a format written to a destination, keeping events at {@code threshold}
 * or more severe (Dante's {@code errorlog} is an output with threshold warning).
 */
public record Output(EventFormat format, Destination destination, Level threshold) {

    public static Output all(EventFormat format, Destination destination) {
        return new Output(format, destination, Level.DEBUG);
    }
}
