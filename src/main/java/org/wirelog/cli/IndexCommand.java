package org.wirelog.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.wirelog.index.IndexException;
import org.wirelog.index.IndexWriter;
import org.wirelog.index.SqliteIndex;
import org.wirelog.read.LogInputs;
import org.wirelog.read.LogReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wirelog index --db FILE LOGS...}: reads logs into an SQLite index for {@code wirelog who --db FILE}. */
@Command(name = "index", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Reads Dante, natlog, ipprotd, conntrack and kernel packet logs into an SQLite file, for repeated",
                "questions with \"wirelog who --db FILE\". Adds to the file when it exists; a log indexed before (same name,",
                "size and modification time) is skipped. Rotated logs of one server belong in one run: a session is",
                "rebuilt across the files of a run, not across runs."})
public final class IndexCommand implements Callable<Integer> {

    @Option(names = "--db", required = true, paramLabel = "FILE", description = "the index file (created when missing)")
    Path db;

    @Parameters(paramLabel = "LOGS", description = "log files, directories, or - for stdin (the default)")
    List<String> logs = new ArrayList<>();

    @Mixin
    LogReading reading;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        List<LogInputs.Input> inputs = LogReading.inputs(logs, System.in);
        Progress shown = reading.progress(inputs, err);
        long started = System.nanoTime();
        long unread;
        int skipped = 0;
        String summary;
        try (SqliteIndex index = SqliteIndex.open(db); IndexWriter writer = index.writer()) {
            long[] records = {0};
            LogReader reader = reading.reader(err, record -> {
                try {
                    writer.add(record);
                    records[0]++;
                    shown.record();
                } catch (SQLException e) {
                    throw new IndexException("writing " + db, e);
                }
            });
            for (LogInputs.Input input : inputs) {
                Path file = input.name().equals("-") ? null : Path.of(input.name());
                if (!writer.startFile(input.name(), file == null ? -1 : Files.size(file), file == null ? 0 : Files.getLastModifiedTime(file).toMillis())) {
                    shown.skip(input);
                    err.println("wirelog index: " + input.name() + ": indexed already, skipped");
                    skipped++;
                    continue;
                }
                long before = records[0];
                reader.read(shown.counted(input));
                writer.finishFile(input.name(), records[0] - before);
            }
            unread = reading.finish(reader, err);
            shown.done();
            summary = String.format("wirelog index: %d connections and %d packets from %d logs into %s in %.1f s%s", writer.connections(),
                    writer.packets(), inputs.size() - skipped, db, (System.nanoTime() - started) / 1e9,
                    writer.withoutOutside() == 0 ? "" : "; " + writer.withoutOutside()
                            + " connections without an outside endpoint (ipprotd entries, SOCKS tcp/accept, refused requests) left out");
        } catch (SQLException | IndexException e) {
            err.println("wirelog index: " + db + ": " + e.getMessage());
            return 2;
        }
        out.println(summary);
        out.flush();
        return unread > 0 ? 1 : 0;
    }
}
