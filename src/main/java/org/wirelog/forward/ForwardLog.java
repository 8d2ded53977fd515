package org.wirelog.forward;

import java.io.IOException;
import java.io.PrintStream;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.wirelog.config.LogSpec;
import org.wirelog.format.dante.DanteFormat;
import org.wirelog.format.ipprot.ConnectionLogFormat;
import org.wirelog.format.json.JsonLinesFormat;
import org.wirelog.model.Level;
import org.wirelog.output.EventFormat;
import org.wirelog.output.Log;
import org.wirelog.output.Output;
import org.wirelog.output.Outputs;
import org.wirelog.output.StreamDestination;

/** The forwarder's log: the -c connection log, the --log-output logs, and its own problems on stderr. */
public final class ForwardLog {

    private ForwardLog() {
    }

    /** @throws IOException naming a log file that cannot be opened */
    public static Log open(ForwardOptions options, ZoneId zone, PrintStream problems) throws IOException {
        EventFormat connectionLog = new ConnectionLogFormat(options.connectionLogFormat(), zone,
                Forwarder.dataFileNames(options, zone));
        List<Output> outputs = new ArrayList<>();
        if (options.connectionLog() != null) {
            outputs.addAll(Outputs.open(List.of(new LogSpec.File(options.connectionLog())), List.of(), connectionLog));
        }
        EventFormat chosen = switch (options.logFormat()) {
            case DANTE -> DanteFormat.forThisProcess();
            case IPPROT -> connectionLog;
            case JSON -> new JsonLinesFormat();
        };
        outputs.addAll(Outputs.open(options.logOutputs(), List.of(), chosen));
        if (!options.logOutputs().contains(new LogSpec.Stderr())) {
            outputs.add(new Output(new NoticeFormat(), StreamDestination.stderr(), Level.WARNING));
        }
        return new Log(outputs, problems, Log.Rendering.BY_EMITTERS);
    }
}
