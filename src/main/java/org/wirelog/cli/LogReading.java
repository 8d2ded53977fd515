package org.wirelog.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;
import org.wirelog.format.ipprot.Template;
import org.wirelog.read.LogInputs;
import org.wirelog.read.LogReader;
import org.wirelog.read.ReadOptions;
import org.wirelog.read.Record;
import picocli.CommandLine.Option;

/** The options every reading command shares, and the reading itself: problems to stderr, never fatal. */
final class LogReading {

    /** Past this many, unreadable lines are only counted: a wrong file must not flood the terminal. */
    private static final int SHOWN_PROBLEMS = 20;

    @Option(names = "--year", paramLabel = "YEAR", description = "year of times logged without one (syslog's Nov 23 11:51:32); default: this year")
    Integer year;

    @Option(names = "--zone", paramLabel = "ZONE", description = "time zone of times logged without one; default: the system's")
    ZoneId zone;

    @Option(names = "--template", paramLabel = "FORMAT",
            description = "ipprotd connection log format (-C) the connection logs were written with; default: wirelog's default")
    String template;

    ReadOptions options() {
        ZoneId z = zone == null ? ZoneId.systemDefault() : zone;
        Template t = Template.parse(template == null ? Template.DEFAULT : template);
        return year == null ? ReadOptions.current(z, t) : new ReadOptions(year, z, t);
    }

    private long shown;

    /** Reads every log; returns the number of unreadable lines (each shown on {@code err}, up to a limit). */
    long read(List<String> logs, InputStream stdin, PrintWriter err, Consumer<Record> records) throws IOException {
        LogReader reader = reader(err, records);
        for (LogInputs.Input input : inputs(logs, stdin)) reader.read(input);
        return finish(reader, err);
    }

    /** The logs named, {@code -} (stdin) when none is. */
    static List<LogInputs.Input> inputs(List<String> logs, InputStream stdin) throws IOException {
        return LogInputs.of(logs.isEmpty() ? List.of("-") : logs, stdin);
    }

    /** A reader whose unreadable lines are shown on {@code err}, up to a limit. */
    LogReader reader(PrintWriter err, Consumer<Record> records) {
        return new LogReader(options(), records, problem -> {
            if (shown++ < SHOWN_PROBLEMS) err.println("wirelog: " + problem);
        });
    }

    /** Gives out what is still open, says how many lines were unreadable; returns that number. */
    long finish(LogReader reader, PrintWriter err) {
        reader.finish();
        if (reader.unread() > SHOWN_PROBLEMS) err.println("wirelog: " + reader.unread() + " unreadable lines in all, skipped");
        err.flush();
        return reader.unread();
    }
}
