package org.wirelog.forward;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.wirelog.config.LogSpec;
import org.wirelog.format.ipprot.Template;

/**
 * ipprotd's command line: single-dash options whose value is attached ({@code -p8080@host}) or the next
 * argument ({@code -p 8080@host}); {@code -Dp} and {@code -uT} are options of their own, not -D or -u with a
 * value. Plus wirelog's long options (--log-format, --log-output, --pid-file, --help, --version).
 */
public final class IpprotArgs {

    /** What the command line asks for. */
    public sealed interface Parsed {
    }

    public record Help() implements Parsed {
    }

    public record Version() implements Parsed {
    }

    /**
     * @param warnings       options that have no effect without another (ipprotd ignores them; we say so)
     * @param foregroundArgs the same command line without -D/-Dp, for the detached child (-Dp becomes --pid-file)
     */
    public record Run(ForwardOptions options, List<String> warnings, List<String> foregroundArgs) implements Parsed {
    }

    /** One option as given, with its value or null. */
    private record Use(String option, String value) {
        List<String> args() {
            if (value == null) return List.of(option);
            return option.startsWith("--") ? List.of(option + "=" + value) : List.of(option, value);
        }
    }

    private static final List<String> FLAGS = List.of("-l", "-L", "-s", "-z", "-j", "-M", "-D", "-?", "-v", "--help", "--version");
    /** Longest first, so that -Dp and -uT win over -D and -u. */
    private static final List<String> VALUED = List.of("-Dp", "-uT", "-p", "-h", "-P", "-b", "-f", "-t", "-u", "-c", "-C", "-r");
    private static final List<String> LONG_VALUED = List.of("--log-format", "--log-output", "--pid-file");
    /** ipprotd: "Only in combination with option -f". */
    private static final Set<String> NEEDS_F = Set.of("-l", "-L", "-s", "-z", "-j", "-M", "-t", "-u", "-uT");

    private IpprotArgs() {
    }

    public static Parsed parse(List<String> args) throws UsageException {
        List<Use> uses = tokenize(args);
        for (Use use : uses) {
            if (use.option().equals("-?") || use.option().equals("--help")) return new Help();
            if (use.option().equals("-v") || use.option().equals("--version")) return new Version();
        }
        return interpret(uses);
    }

    private static List<Use> tokenize(List<String> args) throws UsageException {
        List<Use> uses = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (FLAGS.contains(arg)) {
                uses.add(new Use(arg, null));
                continue;
            }
            if (arg.startsWith("--")) {
                int eq = arg.indexOf('=');
                String name = eq < 0 ? arg : arg.substring(0, eq);
                if (!LONG_VALUED.contains(name)) throw new UsageException("unknown option " + name);
                if (eq >= 0) {
                    uses.add(new Use(name, arg.substring(eq + 1)));
                } else {
                    if (i + 1 == args.size()) throw new UsageException("option " + name + " needs a value");
                    uses.add(new Use(name, args.get(++i)));
                }
                continue;
            }
            String option = VALUED.stream().filter(arg::startsWith).findFirst().orElse(null);
            if (option == null) {
                throw new UsageException(arg.startsWith("-") ? "unknown option " + arg : "unexpected argument " + arg);
            }
            if (arg.length() > option.length()) {
                uses.add(new Use(option, arg.substring(option.length())));
            } else {
                if (i + 1 == args.size()) throw new UsageException("option " + option + " needs a value");
                uses.add(new Use(option, args.get(++i)));
            }
        }
        return uses;
    }

    private static Run interpret(List<Use> uses) throws UsageException {
        int listenPort = ForwardOptions.DEFAULT_LISTEN_PORT;
        String listenHost = null;
        String hostOfH = null;
        String hostOfP = null;
        int outPort = ForwardOptions.DEFAULT_OUT_PORT;
        int bufferSize = ForwardOptions.DEFAULT_BUFFER_SIZE;
        Path dataLog = null;
        Recorded recorded = Recorded.TO_ESTABLISHER;
        boolean printableOnly = false;
        boolean markers = false;
        Duration stampInterval = null;
        Compression compression = Compression.NONE;
        PostCommand postCommand = null;
        Path connectionLog = null;
        String connectionLogFormat = null;
        List<InetAddress> allowed = new ArrayList<>();
        boolean detach = false;
        Path pidFile = null;
        List<LogSpec> logOutputs = new ArrayList<>();
        ForwardOptions.LogFormat logFormat = ForwardOptions.LogFormat.DANTE;
        List<String> foreground = new ArrayList<>();
        boolean sawL = false, sawUpperL = false, sawZ = false, sawJ = false;

        for (Use use : uses) {
            String v = use.value();
            switch (use.option()) {
                case "-p" -> {
                    HostPort hp = hostPort("-p", v, 0);
                    listenPort = hp.port();
                    listenHost = hp.host();
                }
                case "-h" -> hostOfH = nonEmpty("-h", v);
                case "-P" -> {
                    HostPort hp = hostPort("-P", v, 1);
                    outPort = hp.port();
                    hostOfP = hp.host();
                }
                case "-b" -> bufferSize = (int) number("-b", v, 1, Integer.MAX_VALUE);
                case "-f" -> dataLog = Path.of(nonEmpty("-f", v));
                case "-l" -> {
                    sawL = true;
                    recorded = Recorded.BOTH;
                }
                case "-L" -> {
                    sawUpperL = true;
                    recorded = Recorded.FROM_ESTABLISHER;
                }
                case "-s" -> printableOnly = true;
                case "-z" -> {
                    sawZ = true;
                    compression = Compression.GZIP;
                }
                case "-j" -> {
                    sawJ = true;
                    compression = Compression.BZIP2;
                }
                case "-t" -> stampInterval = Duration.ofSeconds(number("-t", v, 0, Integer.MAX_VALUE));
                case "-M" -> markers = true;
                case "-u" -> postCommand = new PostCommand(nonEmpty("-u", v), false);
                case "-uT" -> postCommand = new PostCommand(nonEmpty("-uT", v), true);
                case "-c" -> connectionLog = Path.of(nonEmpty("-c", v));
                case "-C" -> connectionLogFormat = v;
                case "-r" -> allowed.add(address(v));
                case "-D" -> detach = true;
                case "-Dp" -> {
                    detach = true;
                    pidFile = Path.of(nonEmpty("-Dp", v));
                }
                case "--pid-file" -> pidFile = Path.of(nonEmpty("--pid-file", v));
                case "--log-output" -> logOutputs.add(LogSpec.parse(nonEmpty("--log-output", v), null));
                case "--log-format" -> logFormat = logFormat(v);
                default -> throw new IllegalStateException("tokenized but not interpreted: " + use.option());
            }
            if (!use.option().equals("-D") && !use.option().equals("-Dp")) foreground.addAll(use.args());
        }
        if (sawL && sawUpperL) throw new UsageException("use either -l (both directions) or -L (from the establisher only), not both");
        if (sawZ && sawJ) throw new UsageException("use either -z (gzip) or -j (bzip2), not both");
        AllowList allowList;
        try {
            allowList = new AllowList(allowed);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage() + ", not " + allowed.size());
        }
        for (LogSpec spec : logOutputs) {
            if (spec instanceof LogSpec.Syslog) throw new UsageException("--log-output syslog: not supported yet");
        }
        if (pidFile != null && detach) foreground.addAll(List.of("--pid-file", pidFile.toString()));

        List<String> warnings = new ArrayList<>();
        if (dataLog == null) {
            for (Use use : uses) {
                if (NEEDS_F.contains(use.option())) warnings.add(use.option() + " has no effect without -f");
            }
        }
        if (connectionLogFormat != null && connectionLog == null && logFormat != ForwardOptions.LogFormat.IPPROT) {
            warnings.add("-C has no effect without -c");
        }
        Template template;
        try {
            template = Template.parse(connectionLogFormat == null ? Template.DEFAULT : connectionLogFormat);
        } catch (IllegalArgumentException e) {
            throw new UsageException("-C: " + e.getMessage());
        }
        String outHost = hostOfP != null ? hostOfP : hostOfH != null ? hostOfH : ForwardOptions.DEFAULT_OUT_HOST;
        RecordingSettings recording = dataLog == null ? null
                : new RecordingSettings(dataLog, recorded, printableOnly, markers, stampInterval, compression);
        ForwardOptions options = new ForwardOptions(listenPort, listenHost, outHost, outPort, bufferSize, recording,
                dataLog == null ? null : postCommand, connectionLog, template, allowList, detach, pidFile,
                logOutputs, logFormat);
        return new Run(options, List.copyOf(warnings), List.copyOf(foreground));
    }

    private record HostPort(int port, String host) {
    }

    /** {@code port[@host]}. */
    private static HostPort hostPort(String option, String value, int lowestPort) throws UsageException {
        int at = value.indexOf('@');
        String port = at < 0 ? value : value.substring(0, at);
        String host = at < 0 ? null : nonEmpty(option + " ...@", value.substring(at + 1));
        return new HostPort((int) number(option, port, lowestPort, 65535), host);
    }

    private static long number(String option, String value, long min, long max) throws UsageException {
        try {
            long n = Long.parseLong(value);
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException e) {
            // said below
        }
        throw new UsageException(option + " needs a number from " + min + " to " + max + ", not \"" + value + "\"");
    }

    private static String nonEmpty(String option, String value) throws UsageException {
        if (value.isEmpty()) throw new UsageException(option + " needs a value");
        return value;
    }

    private static InetAddress address(String value) throws UsageException {
        try {
            return InetAddress.ofLiteral(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException("-r needs a client ip address, not \"" + value + "\"");
        }
    }

    private static ForwardOptions.LogFormat logFormat(String value) throws UsageException {
        try {
            return ForwardOptions.LogFormat.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--log-format is dante, ipprot or json, not \"" + value + "\"");
        }
    }
}
