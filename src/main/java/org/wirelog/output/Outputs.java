package org.wirelog.output;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.wirelog.config.LogSpec;
import org.wirelog.model.Level;
import org.wirelog.sys.Syslog;

/** Opens the destinations a config names ({@code logoutput:} and {@code errorlog:}) for one format. */
public final class Outputs {

    /** The program name syslog messages carry. */
    private static final String IDENT = "wirelog";

    private Outputs() {
    }

    /**
     * @param everything destinations that get every line (Dante's logoutput)
     * @param problems   destinations that get warnings and worse only (Dante's errorlog)
     */
    public static List<Output> open(List<LogSpec> everything, List<LogSpec> problems, EventFormat format) throws IOException {
        Map<LogSpec, Destination> opened = new HashMap<>();
        List<Output> outputs = new ArrayList<>();
        for (LogSpec spec : everything) outputs.add(new Output(format, destination(spec, opened), Level.DEBUG));
        for (LogSpec spec : problems) outputs.add(new Output(format, destination(spec, opened), Level.WARNING));
        return outputs;
    }

    /** The same file named twice is opened once, so its lines are not torn between two writers. */
    private static Destination destination(LogSpec spec, Map<LogSpec, Destination> opened) throws IOException {
        Destination existing = opened.get(spec);
        if (existing != null) return existing;
        Destination created = switch (spec) {
            case LogSpec.File file -> {
                try {
                    yield new FileDestination(file.path());
                } catch (IOException e) {
                    throw new IOException("cannot open log file " + file.path() + ": " + org.wirelog.relay.IoErrors.describe(e), e);
                }
            }
            case LogSpec.Stdout ignored -> StreamDestination.stdout();
            case LogSpec.Stderr ignored -> StreamDestination.stderr();
            case LogSpec.Syslog syslog -> new SyslogDestination(IDENT, Syslog.LOG_PID, Syslog.Facility.of(syslog.facility()), -1);
            case LogSpec.RemoteSyslog remote -> new RemoteSyslogDestination(remote.transport(), remote.host(),
                    remote.port(), Syslog.Facility.of(remote.facility()), IDENT);
        };
        opened.put(spec, created);
        return created;
    }
}
