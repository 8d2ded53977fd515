package org.wirelog.forward;

import java.nio.file.Path;
import java.util.List;
import org.wirelog.config.LogSpec;
import org.wirelog.format.ipprot.Template;

/**
 * Everything the command line of {@code wirelog forward} says.
 *
 * @param listenPort          inport of -p (0: any free port)
 * @param listenHost          listen_host of -p, or null for every address, including ones added later
 * @param outHost             out_host of -P or -h
 * @param outPort             out_port of -P
 * @param bufferSize          -b: the most bytes read (and so passed on) in one piece
 * @param recording           -f and its companions, or null
 * @param postCommand         -u/-uT, or null
 * @param connectionLog       -c, or null
 * @param connectionLogFormat -C, or the default
 * @param allowed             -r
 * @param pidFile             of -Dp or --pid-file, or null
 * @param logOutputs          --log-output: where the sessions go in {@code logFormat}
 */
public record ForwardOptions(int listenPort, String listenHost, String outHost, int outPort, int bufferSize,
                             RecordingSettings recording, PostCommand postCommand,
                             Path connectionLog, Template connectionLogFormat, AllowList allowed,
                             boolean detach, Path pidFile, List<LogSpec> logOutputs, LogFormat logFormat) {

    public static final int DEFAULT_LISTEN_PORT = 8080;
    public static final String DEFAULT_OUT_HOST = "localhost";
    public static final int DEFAULT_OUT_PORT = 80;
    public static final int DEFAULT_BUFFER_SIZE = 300_000;

    /** The formats --log-format offers for --log-output. */
    public enum LogFormat {
        DANTE, IPPROT, JSON
    }

    public ForwardOptions {
        logOutputs = List.copyOf(logOutputs);
    }
}
