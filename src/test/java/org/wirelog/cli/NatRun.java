package org.wirelog.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.wirelog.model.Level;
import org.wirelog.output.Destination;
import picocli.CommandLine;

/** Runs {@code wirelog nat} in this JVM and keeps what it wrote to stdout. */
public record NatRun(int exitCode, List<String> stdout, List<String> console) {

    /** stdout kept in memory: the lines a terminal would have shown. */
    private static final class Lines implements Destination {
        final List<String> lines = new ArrayList<>();

        @Override
        public synchronized void write(Level level, String message, String line) {
            lines.add(line);
        }

        @Override
        public void flush() {
        }

        @Override
        public String name() {
            return "stdout";
        }

        @Override
        public void close() {
        }
    }

    public static NatRun of(String... args) {
        Lines out = new Lines();
        var console = new ByteArrayOutputStream();
        var command = new NatCommand(() -> out, new PrintStream(console, true, StandardCharsets.UTF_8));
        int code = new CommandLine(command).execute(args);
        String printed = console.toString(StandardCharsets.UTF_8);
        List<String> consoleLines = printed.isEmpty() ? List.of() : List.of(printed.split("\n"));
        synchronized (out) {
            return new NatRun(code, List.copyOf(out.lines), consoleLines);
        }
    }
}
