package org.wirelog.forward;

import java.io.File;
import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.wirelog.format.ipprot.ConnectionEntry;
import org.wirelog.format.ipprot.Expression;
import org.wirelog.model.Event.Notice;
import org.wirelog.model.Event.SessionClosed;
import org.wirelog.model.EventSink;
import org.wirelog.model.Level;
import org.wirelog.model.Session;
import org.wirelog.relay.IoErrors;

/** Runs the -u/-uT command after a connection closed; a failure is logged, never fatal. */
final class PostProcessor {

    private final PostCommand command;
    private final EventSink sink;
    private final ZoneId zone;
    private final Function<Session, String> dataFile;

    PostProcessor(PostCommand command, EventSink sink, ZoneId zone, Function<Session, String> dataFile) {
        this.command = command;
        this.sink = sink;
        this.zone = zone;
        this.dataFile = dataFile;
    }

    /** Runs the command on the calling thread (the finished connection's) and waits for it. */
    void run(SessionClosed closed) {
        ConnectionEntry entry = ConnectionEntry.of(closed, zone, dataFile);
        // sh -c 'cmd "$@"' passes the parameters as they are, whatever they contain, after the user's own words.
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", command.command() + " \"$@\"", "sh"));
        for (Expression parameter : command.parameters()) argv.add(parameter.render(entry));
        String what = "post-processing command " + command.command() + " for " + entry.dataFile();
        try {
            Process process = new ProcessBuilder(argv)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            int status = process.waitFor();
            if (status != 0) sink.emit(Notice.of(Level.ERROR, what + " failed with exit status " + status));
        } catch (IOException e) {
            sink.emit(Notice.of(Level.ERROR, what + " could not start: " + IoErrors.describe(e)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
