package org.wirelog.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.wirelog.format.ipprot.Template;
import org.wirelog.read.LogInputs;
import org.wirelog.read.LogReader;
import org.wirelog.read.ReadOptions;
import org.wirelog.read.Record;
import picocli.CommandLine.Option;

/**
 * The options every reading command shares, and the reading itself: problems to stderr, never fatal, each
 * named by log and line (past a limit only counted, then summed up per log); a progress line on request.
 */
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

    @Option(names = "--progress", negatable = true,
            description = "show a progress line on stderr (default: when stderr is a terminal)")
    Boolean progress;

    @Option(names = "--all-problems", description = "show every unreadable line on stderr (default: the first " + SHOWN_PROBLEMS
            + ", then how many in each log)")
    boolean allProblems;

    ReadOptions options() {
        ZoneId z = zone == null ? ZoneId.systemDefault() : zone;
        Template t = Template.parse(template == null ? Template.DEFAULT : template);
        return year == null ? ReadOptions.current(z, t) : new ReadOptions(year, z, t);
    }

    private long shown;
    /** Unreadable lines per log: how many, the first and the last line. */
    private final Map<String, long[]> unreadable = new LinkedHashMap<>();

    /** Reads every log; returns the number of unreadable lines (each shown on {@code err}, up to a limit). */
    long read(List<String> logs, InputStream stdin, PrintWriter err, Consumer<Record> records) throws IOException {
        List<LogInputs.Input> inputs = inputs(logs, stdin);
        Progress shownProgress = progress(inputs, err);
        LogReader reader = reader(err, record -> {
            records.accept(record);
            shownProgress.record();
        });
        for (LogInputs.Input input : inputs) reader.read(shownProgress.counted(input));
        shownProgress.done();
        return finish(reader, err);
    }

    /** The logs named, {@code -} (stdin) when none is. */
    static List<LogInputs.Input> inputs(List<String> logs, InputStream stdin) throws IOException {
        return LogInputs.of(logs.isEmpty() ? List.of("-") : logs, stdin);
    }

    /** The progress line of reading these logs: shown when asked for, or by default when stderr is a terminal. */
    Progress progress(List<LogInputs.Input> inputs, PrintWriter err) throws IOException {
        return Progress.of(inputs, progress == null ? System.console() != null && System.console().isTerminal() : progress, err);
    }

    /** A reader whose unreadable lines are shown on {@code err}, up to a limit. */
    LogReader reader(PrintWriter err, Consumer<Record> records) {
        return new LogReader(options(), records, problem -> {
            long[] counted = unreadable.computeIfAbsent(problem.origin().file(), file -> new long[] {0, problem.origin().line(), 0});
            counted[0]++;
            counted[2] = problem.origin().line();
            if (allProblems || shown++ < SHOWN_PROBLEMS) err.println("wirelog: " + problem);
        });
    }

    /** Gives out what is still open, says how many lines were unreadable, and where; returns that number. */
    long finish(LogReader reader, PrintWriter err) {
        reader.finish();
        if (!allProblems && reader.unread() > SHOWN_PROBLEMS) {
            err.println("wirelog: " + reader.unread() + " unreadable lines in all, skipped; the first " + SHOWN_PROBLEMS
                    + " shown (--all-problems shows each)");
            unreadable.forEach((file, counted) -> err.println("wirelog: " + file + ": " + counted[0] + " unreadable line"
                    + (counted[0] == 1 ? " (" + counted[1] + ")" : "s (lines " + counted[1] + " to " + counted[2] + ")")));
        }
        err.flush();
        return reader.unread();
    }
}
