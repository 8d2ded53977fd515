package org.wirelog.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.wirelog.index.IndexException;
import org.wirelog.index.SqliteIndex;
import org.wirelog.query.AnswerText;
import org.wirelog.query.MemoryStore;
import org.wirelog.query.EndpointArgument;
import org.wirelog.query.TimeArgument;
import org.wirelog.query.Who;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wirelog who IP[:PORT] --at TIME LOGS...}: who was behind that endpoint then, hop by hop. */
@Command(name = "who", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Answers \"who was behind IP:PORT at TIME?\" from Dante, natlog, ipprotd, conntrack and kernel logs:",
                "every connection that used the endpoint then, followed to the inside (NAT -> proxy -> client and user).",
                "LOGS are files, directories or - (stdin); plain, gzip or bzip2; formats are told by content."})
public final class WhoCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IP[:PORT]", description = "the endpoint an abuse report names")
    String endpoint;

    @Parameters(index = "1..*", paramLabel = "LOGS", description = "log files, directories, or - for stdin (the default without --db)")
    List<String> logs = new ArrayList<>();

    @Option(names = "--at", required = true, paramLabel = "TIME",
            description = "ISO 8601 (2026-11-23T12:03:33Z), syslog style (Nov 23 12:03:33) or @EPOCH-SECONDS")
    String at;

    @Option(names = "--window", paramLabel = "D", defaultValue = "1s",
            description = "how far from TIME a connection may lie, and hops from each other: 30s, 5m, 2h (default: ${DEFAULT-VALUE})")
    String window;

    @Option(names = "--json", description = "print the answer as one JSON object instead of text")
    boolean json;

    @Option(names = "--db", paramLabel = "FILE", description = "ask an index built by \"wirelog index\" instead of reading LOGS")
    Path db;

    @Mixin
    LogReading reading;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        EndpointArgument asked;
        Instant time;
        Duration span;
        try {
            asked = EndpointArgument.parse(endpoint);
            var options = reading.options();
            time = TimeArgument.parse(at, options.year(), options.zone());
            span = TimeArgument.window(window);
        } catch (IllegalArgumentException e) {
            err.println("wirelog who: " + e.getMessage());
            return 2;
        }
        Who.Answer answer;
        if (db != null) {
            if (!logs.isEmpty()) {
                err.println("wirelog who: either --db FILE or LOGS; index the logs into the file first (wirelog index --db FILE LOGS)");
                return 2;
            }
            if (!Files.isRegularFile(db)) {
                err.println("wirelog who: " + db + ": no such index (build it with wirelog index --db " + db + " LOGS)");
                return 2;
            }
            try (SqliteIndex index = SqliteIndex.open(db)) {
                answer = new Who(index).ask(asked, time, span);
            } catch (SQLException | IndexException e) {
                err.println("wirelog who: " + db + ": " + e.getMessage());
                return 2;
            }
        } else {
            MemoryStore store = new MemoryStore();
            reading.read(logs, System.in, err, store::add);
            answer = new Who(store).ask(asked, time, span);
        }
        out.print(json ? AnswerText.json(answer) + "\n" : AnswerText.text(answer));
        out.flush();
        return answer.chains().isEmpty() && answer.packets().isEmpty() ? 1 : 0;
    }
}
