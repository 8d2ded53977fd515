package org.wirelog.output;

import java.io.IOException;
import java.util.List;
import org.wirelog.model.Level;

/** Where lines go: a file, stdout or stderr, syslog. Only the log writer thread calls these. */
public interface Destination extends AutoCloseable {

    /**
     * Writes one rendered event.
     *
     * @param message the text without prefix (for destinations such as syslog that add their own)
     * @param line    the full line with the format's prefix (for files and streams)
     */
    void write(Level level, String message, String line) throws IOException;

    /** Pushes buffered lines out; called once per batch so that a burst costs one flush. */
    void flush() throws IOException;

    /** Opens the file again under its name (after logrotate renamed it); a no-op for streams. */
    default void reopen() throws IOException {
    }

    /** Whether it keeps lines back that a failed write could not write, to be written by the next flush. */
    default boolean holdsLines() {
        return false;
    }

    /**
     * What this destination has to say about itself since it was last asked, once each: lines it could not keep
     * while it failed, a deleted file created again. The log writes these into the log, after the lines they concern.
     */
    default List<String> takeNotices() {
        return List.of();
    }

    /** What this destination is, for error messages: a path, "stdout", "syslog/daemon". */
    String name();

    @Override
    void close() throws IOException;
}
