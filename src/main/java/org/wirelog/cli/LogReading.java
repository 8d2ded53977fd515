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

    /** Reads every log; returns the number of unreadable lines (each shown on {@code err}, up to a limit). */
    long read(List<String> logs, InputStream stdin, PrintWriter err, Consumer<Record> records) throws IOException {
        long[] shown = {0};
        LogReader reader = new LogReader(options(), records, problem -> {
            if (shown[0]++ < SHOWN_PROBLEMS) err.println("wirelog: " + problem);
        });
        for (LogInputs.Input input : LogInputs.of(logs.isEmpty() ? List.of("-") : logs, stdin)) reader.read(input);
        reader.finish();
        if (reader.unread() > SHOWN_PROBLEMS) err.println("wirelog: " + reader.unread() + " unreadable lines in all, skipped");
        err.flush();
        return reader.unread();
    }
}
