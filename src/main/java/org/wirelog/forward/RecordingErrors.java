package org.wirelog.forward;

import java.io.IOException;
import java.nio.file.Path;
import org.wirelog.model.Event.Notice;
import org.wirelog.model.EventSink;
import org.wirelog.model.Level;
import org.wirelog.relay.IoErrors;

/**
 * Says once that data files cannot be written (a full disk, a missing or unwritable directory), not once per
 * connection or per block, and once again when recording works again.
 */
final class RecordingErrors {

    private final EventSink sink;
    private boolean failing;

    RecordingErrors(EventSink sink) {
        this.sink = sink;
    }

    synchronized void failed(Path file, IOException e) {
        if (failing) return;
        failing = true;
        sink.emit(Notice.of(Level.ERROR, "cannot record to " + file + ": " + IoErrors.describe(e)
                + " (connections are still forwarded; said once until recording works again)"));
    }

    synchronized void succeeded(Path file) {
        if (!failing) return;
        failing = false;
        sink.emit(Notice.of(Level.NOTICE, "recording works again: " + file));
    }
}
