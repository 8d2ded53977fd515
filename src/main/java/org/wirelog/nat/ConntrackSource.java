package org.wirelog.nat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.wirelog.model.Event.Notice;
import org.wirelog.model.EventSink;
import org.wirelog.model.Level;

/**
 * Runs the conntrack program and hands over its lines; when it ends before it was told to, starts it
 * again, at most {@code maxRestarts} times (the first start does not count), as natlog's
 * {@code --conntrack-restart} says.
 */
public final class ConntrackSource {

    /** A program that fails at once should not spin: wait this long before each restart. */
    private static final long RESTART_PAUSE_MILLIS = 200;

    private final List<String> command;
    private final int maxRestarts;
    private final EventSink notices;
    private volatile boolean stopping;
    private volatile Process process;

    public ConntrackSource(List<String> command, int maxRestarts, EventSink notices) {
        this.command = List.copyOf(command);
        this.maxRestarts = maxRestarts;
        this.notices = notices;
    }

    /**
     * Reads until {@link #stop()} or until the program has ended once more than allowed.
     *
     * @return true when stopped, false when conntrack could not be kept running
     */
    public boolean run(Consumer<String> lines) {
        for (int restarts = 0; ; restarts++) {
            String ended = runOnce(lines);
            if (stopping) return true;
            if (restarts >= maxRestarts) {
                notices.emit(Notice.of(Level.ERROR, "`" + String.join(" ", command) + "' " + ended
                        + (maxRestarts == 0 ? "" : " after " + maxRestarts + " restarts") + ": giving up"));
                return false;
            }
            notices.emit(Notice.of(Level.WARNING, "`" + String.join(" ", command) + "' " + ended + ": restart "
                    + (restarts + 1) + " of " + maxRestarts));
            try {
                Thread.sleep(RESTART_PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
            if (stopping) return true;
        }
    }

    /** @return how the program ended, in words */
    private String runOnce(Consumer<String> lines) {
        Process started;
        try {
            started = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            return "could not be started (" + e.getMessage() + ")";
        }
        process = started;
        if (stopping) started.destroy();
        try (var reader = new BufferedReader(new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) lines.accept(line);
        } catch (IOException e) {
            // the pipe broke: the program is gone, and waitFor says how
        }
        try {
            return "ended with exit status " + started.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            started.destroy();
            return "was interrupted";
        }
    }

    /** Ends the running program; {@link #run} then returns. Any thread may call it. */
    public void stop() {
        stopping = true;
        Process running = process;
        if (running != null) running.destroy();
    }
}
