package org.wirelog.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.wirelog.config.NatlogConf;
import org.wirelog.format.json.JsonLinesFormat;
import org.wirelog.format.natlog.Columns;
import org.wirelog.format.natlog.NatlogLineFormat;
import org.wirelog.format.natlog.NatlogTableFormat;
import org.wirelog.format.natlog.TimeStyle;
import org.wirelog.model.Event.Notice;
import org.wirelog.model.EventSink;
import org.wirelog.model.Level;
import org.wirelog.model.Protocol;
import org.wirelog.nat.NatAddresses;
import org.wirelog.nat.NatLogger;
import org.wirelog.nat.ProtocolSelection;
import org.wirelog.nat.Ttl;
import org.wirelog.nat.ipfix.IpfixExporter;
import org.wirelog.output.Destination;
import org.wirelog.output.EventFormat;
import org.wirelog.output.FileDestination;
import org.wirelog.output.Log;
import org.wirelog.output.Output;
import org.wirelog.output.StreamDestination;
import org.wirelog.output.SyslogDestination;
import org.wirelog.output.TableFileDestination;
import org.wirelog.status.Monitor;
import org.wirelog.sys.Daemon;
import org.wirelog.sys.PidFile;
import org.wirelog.sys.Signals;
import org.wirelog.sys.Syslog;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code wirelog nat}: natlog's command line, options and configuration file, run by wirelog. Reads
 * the options, sets up natlog's outputs, and hands over to {@link NatLogger}.
 */
@Command(name = "nat", versionProvider = Version.class, sortOptions = false, usageHelpAutoWidth = true,
        description = {"natlog-compatible source-NAT logger: logs every translated tcp, udp and icmp flow once, with its bytes.",
                "Commands: conntrack | IN-DEVICE OUT-DEVICE | IN-FILE IN-ADDRESS IN-MASK OUT-FILE OUT-ADDRESS OUT-MASK"})
public final class NatCommand implements Callable<Integer> {

    static final String DEFAULT_CONNTRACK = "/usr/sbin/conntrack -E -n -o timestamp -e NEW,DESTROY";
    private static final Path DEFAULT_CONFIG = Path.of("/etc/natlog.conf");
    private static final Pattern ROTATE_SPEC = Pattern.compile("(\\d+)([mhd])(\\d*)");

    @Spec
    CommandSpec spec;

    @Mixin
    MetricsOption metrics;

    @Option(names = {"-c", "--config"}, paramLabel = "path", description = "configuration file (default /etc/natlog.conf)")
    Path config;
    @Option(names = "--conntrack-command", paramLabel = "cmd", description = "the conntrack program call")
    String conntrackCommand = DEFAULT_CONNTRACK;
    @Option(names = "--conntrack-device", paramLabel = "dev", description = "conntrack's data device (shown with -V -V)")
    String conntrackDevice = "/proc/net/nf_conntrack";
    @Option(names = "--conntrack-ip-header-size", paramLabel = "size", description = "bytes to take off each packet of conntrack's counts")
    int conntrackIpHeaderSize;
    @Option(names = "--conntrack-restart", paramLabel = "max", description = "restarts of a conntrack that ended (default 10)")
    int conntrackRestart = 10;
    @Option(names = "--debug", description = "log the memory in use every minute and at the end")
    boolean debug;
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;
    @Option(names = "--ipfix", paramLabel = "host:port", description = "also export NAT44 session create/delete events to this IPFIX collector (UDP)")
    String ipfix = "";
    @Option(names = "--ipfix-domain", paramLabel = "id", description = "the IPFIX observation domain id (default 0)")
    long ipfixDomain;
    @Option(names = "--ipfix-template-refresh", paramLabel = "secs", description = "resend the IPFIX templates every secs seconds (default 600)")
    long ipfixTemplateRefresh = IpfixExporter.DEFAULT_TEMPLATE_REFRESH.toSeconds();
    @Option(names = "--log", paramLabel = "type", description = "syslog (default), off, or a file to append to")
    String log = "syslog";
    @Option(names = "--log-data", paramLabel = "path", description = "the table file (appended; header once)")
    String logData = "";
    @Option(names = "--log-format", paramLabel = "fmt", description = "natlog (default) or json (one object per event): the format of --log and --stdout")
    String logFormat = "natlog";
    @Option(names = "--log-rotate", paramLabel = "spec", description = "rotate log files: time[mhd] or time[mhd]nFiles")
    String logRotate = "";
    @Option(names = "--no-bytes", description = "leave out sent and received")
    boolean noBytes;
    @Option(names = "--no-daemon", description = "stay in the foreground")
    boolean noDaemon;
    @Option(names = "--no-dst", description = "leave out the destination")
    boolean noDst;
    @Option(names = "--no-via", description = "leave out the via (translated source)")
    boolean noVia;
    @Option(names = {"-p", "--pid-file"}, paramLabel = "path", description = "the daemon's pid file (default /run/natlog.pid)")
    Path pidFile = Path.of("/run/natlog.pid");
    @Option(names = {"-P", "--protocol"}, paramLabel = "spec", description = "all, or a colon-separated subset of tcp, udp, icmp (default tcp)")
    String protocol = "tcp";
    @Option(names = "--rotate", description = "make the running daemon rotate its log file")
    boolean rotate;
    @Option(names = "--rotate-data", description = "make the running daemon rotate its table file")
    boolean rotateData;
    @Option(names = "-S", description = "systemd: split arguments holding blanks (must come first)")
    boolean systemd;
    @Option(names = {"-s", "--stdout"}, description = "write the log lines to stdout too (not as a daemon)")
    boolean stdout;
    @Option(names = "--syslog-facility", paramLabel = "fac", description = "default DAEMON")
    String syslogFacility = "DAEMON";
    @Option(names = "--syslog-priority", paramLabel = "pri", description = "default NOTICE")
    String syslogPriority = "NOTICE";
    @Option(names = "--syslog-tag", paramLabel = "id", description = "default NATLOG")
    String syslogTag = "NATLOG";
    @Option(names = "--terminate", description = "end the running daemon named in the pid file")
    boolean terminate;
    @Option(names = {"-t", "--time"}, paramLabel = "spec", description = "raw (default), utc or local")
    String time = "raw";
    @Option(names = {"-T", "--ttl"}, paramLabel = "secs", description = "idle time before a flow is logged: <secs>u and/or <secs>t (default 60u3000t)")
    String ttl = "60u3000t";
    @Option(names = {"-V", "--verbose"}, description = "once: say more; twice: show the configuration and end; more: show it and run")
    boolean[] verbose = new boolean[0];
    @Option(names = {"-v", "--version"}, versionHelp = true, description = "show the version")
    boolean version;
    @Parameters(paramLabel = "command", description = "conntrack | IN OUT | IN inAddr inMask OUT outAddr outMask")
    List<String> command = new ArrayList<>();

    private final Supplier<Destination> stdoutDestination;
    private final PrintStream console;

    public NatCommand() {
        this(StreamDestination::stdout, System.out);
    }

    /** @param stdoutDestination where {@code --stdout} lines go; @param console where verbose notes go directly */
    public NatCommand(Supplier<Destination> stdoutDestination, PrintStream console) {
        this.stdoutDestination = stdoutDestination;
        this.console = console;
    }

    /** natlog's -S: when {@code nat -S} starts the arguments, every later argument is split at blanks. */
    static String[] expandSystemd(String[] args) {
        if (args.length < 2 || !args[0].equals("nat") || !args[1].equals("-S")) return args;
        List<String> expanded = new ArrayList<>(List.of("nat", "-S"));
        for (int i = 2; i < args.length; i++) {
            for (String word : args[i].trim().split("\\s+")) if (!word.isEmpty()) expanded.add(word);
        }
        return expanded.toArray(String[]::new);
    }

    @Override
    public Integer call() {
        try {
            if (terminate) return terminate();
            if (rotate || rotateData) return signalDaemon();
            applyConfigFile();
            return run();
        } catch (UsageError e) {
            System.err.println("wirelog nat: " + e.getMessage());
            return 1;
        }
    }

    /** A mistake in the options or the configuration file: reported in one line, exit status 1. */
    private static final class UsageError extends Exception {
        UsageError(String message) {
            super(message);
        }
    }

    /** Options from the configuration file count where the command line did not give them. */
    private void applyConfigFile() throws UsageError {
        Path file = config != null ? config : DEFAULT_CONFIG;
        if (config == null && !Files.exists(file)) return;
        List<String> fromFile;
        try {
            fromFile = NatlogConf.arguments(file);
        } catch (IOException e) {
            throw new UsageError("cannot read configuration file " + file + ": " + e.getMessage());
        } catch (NatlogConf.Problem e) {
            throw new UsageError(e.getMessage());
        }
        if (fromFile.isEmpty()) return; // reading the options again for nothing took a tenth of a second
        CommandLine fileLine = new CommandLine(new NatCommand(stdoutDestination, console)).setOverwrittenOptionsAllowed(true);
        try {
            fileLine.parseArgs(fromFile.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new UsageError(file + ": " + e.getMessage());
        }
        var given = spec.commandLine().getParseResult();
        for (OptionSpec option : fileLine.getParseResult().matchedOptions()) {
            if (!given.hasMatchedOption(option.longestName())) spec.findOption(option.longestName()).setValue(option.getValue());
        }
    }

    private String configName() {
        return (config != null ? config : DEFAULT_CONFIG).toString();
    }

    private int run() throws UsageError {
        NatLogger.Mode mode = mode();
        ProtocolSelection protocols = parse(() -> ProtocolSelection.parse(protocol));
        TimeStyle timeStyle = parse(() -> TimeStyle.of(time));
        Ttl flowTtl = parse(() -> Ttl.parse(ttl));
        InetSocketAddress collector = ipfixCollector();
        if (!logFormat.equals("natlog") && !logFormat.equals("json")) throw new UsageError("--log-format is natlog or json, not " + logFormat);
        int verbosity = verbose.length;
        boolean daemon = !noDaemon && mode != NatLogger.Mode.TCPDUMP;
        if (daemon && !Daemon.isDaemon() && verbosity < 2) return detach();
        // a test (or a supervisor) may ask for the ready file of a process told to stay in the foreground
        boolean inDaemon = daemon && Daemon.isDaemon();

        if (verbosity == 1) console.println("Using time type `" + timeStyle.word() + "'");
        var columns = new Columns(!noBytes, !noVia, !noDst);
        List<Output> outputs = outputs(timeStyle, columns, inDaemon);
        try (Log sink = new Log(outputs); IpfixExporter exporter = ipfixExporter(collector, sink)) {
            if (verbosity >= 2) {
                configuration(mode, protocols, flowTtl, timeStyle, verbosity, inDaemon).forEach(line -> note(sink, line));
                if (verbosity == 2) return 0;
            }
            PidFile pid = inDaemon ? writePidFile() : null;
            try (Monitor monitor = monitor()) {
                EventSink translations = exporter == null ? sink : EventSink.tee(sink, exporter);
                var logger = new NatLogger(sink, translations, protocols, verbosity, this::verboseNote, debug, Daemon::signalReady);
                logger.observe(monitor.sessions());
                monitor.process().log(sink);
                monitor.process().natFlows(logger::flowsTracked);
                monitor.process().capture(logger::captureStats);
                monitor.start();
                int status = switch (mode) {
                    case TCPDUMP -> logger.tcpdump(Path.of(command.get(0)), Path.of(command.get(3)), addresses(), !noDaemon, command);
                    case DEVICES -> logger.devices(command.get(0), command.get(1), flowTtl, rotations(sink));
                    case CONNTRACK -> logger.conntrack(conntrackCommand, conntrackRestart, conntrackIpHeaderSize, !noBytes,
                            rotations(sink));
                };
                if (mode == NatLogger.Mode.TCPDUMP && monitor.address() != null) serveFinalNumbers(sink);
                return status;
            } finally {
                if (pid != null) pid.close();
            }
        }
    }

    private Monitor monitor() throws UsageError {
        try {
            return metrics.open("nat");
        } catch (IOException e) {
            throw new UsageError(e.getMessage());
        }
    }

    /**
     * Tcpdump mode with {@code --metrics}: the files are done, and a scraper (or a test) can read the run's numbers
     * only while the process lives, so it serves them until SIGTERM or SIGINT.
     */
    private static void serveFinalNumbers(Log sink) {
        CountDownLatch stop = new CountDownLatch(1);
        for (String name : List.of("TERM", "INT")) Signals.handle(name, number -> stop.countDown());
        note(sink, "metrics: all packets processed; serving the final numbers until SIGTERM or SIGINT");
        sink.sync();
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void verboseNote(String text) {
        console.println(text);
    }

    private static void note(Log sink, String text) {
        sink.emit(Notice.of(Level.NOTICE, text));
    }

    private NatLogger.Mode mode() throws UsageError {
        int words = command.size();
        if (words == 1 && command.get(0).equals("conntrack")) return NatLogger.Mode.CONNTRACK;
        if (words == 2) return NatLogger.Mode.DEVICES;
        if (words == 6) return NatLogger.Mode.TCPDUMP;
        throw new UsageError("the command must be `conntrack', `IN-DEVICE OUT-DEVICE' or "
                    + "`IN-FILE IN-ADDRESS IN-MASK OUT-FILE OUT-ADDRESS OUT-MASK' (see wirelog nat --help)");
    }

    private NatAddresses addresses() throws UsageError {
        return parse(() -> new NatAddresses(NatAddresses.mask(command.get(1)), NatAddresses.mask(command.get(2)),
                NatAddresses.mask(command.get(4)), NatAddresses.mask(command.get(5))));
    }

    private interface Parse<T> {
        T get();
    }

    private static <T> T parse(Parse<T> parse) throws UsageError {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
    }

    /** {@code --ipfix} and its options checked (before a daemon starts), or null when not asked for. */
    private InetSocketAddress ipfixCollector() throws UsageError {
        if (ipfix.isEmpty()) return null;
        if (ipfixDomain < 0 || ipfixDomain > 0xffffffffL) throw new UsageError("--ipfix-domain is 0 to 4294967295");
        if (ipfixTemplateRefresh < 1) throw new UsageError("--ipfix-template-refresh is at least 1 second");
        InetSocketAddress collector = parse(() -> IpfixExporter.collector(ipfix));
        if (collector.isUnresolved()) throw new UsageError("--ipfix: cannot resolve " + collector.getHostString());
        return collector;
    }

    /** The exporter beside the log, or null; its problems are the log's warnings. */
    private IpfixExporter ipfixExporter(InetSocketAddress collector, Log sink) throws UsageError {
        if (collector == null) return null;
        try {
            return new IpfixExporter(collector, (int) ipfixDomain, Duration.ofSeconds(ipfixTemplateRefresh), !noBytes,
                    problem -> sink.emit(Notice.of(Level.WARNING, problem)));
        } catch (IOException e) {
            throw new UsageError("--ipfix: " + e.getMessage());
        }
    }

    /** natlog's destinations: the log (syslog, a file or nothing), stdout unless a daemon, and the table. */
    private List<Output> outputs(TimeStyle timeStyle, Columns columns, boolean inDaemon) throws UsageError {
        EventFormat lineFormat = logFormat.equals("json") ? new JsonLinesFormat()
                : new NatlogLineFormat(timeStyle, ZoneId.systemDefault(), columns);
        List<Output> outputs = new ArrayList<>();
        try {
            switch (log) {
                case "off" -> {
                }
                case "syslog" -> outputs.add(Output.all(lineFormat, new SyslogDestination(syslogTag,
                        parse(() -> Syslog.Facility.of(syslogFacility)), parse(this::priority).priority())));
                default -> outputs.add(Output.all(lineFormat, new FileDestination(Path.of(log))));
            }
            if (stdout && !inDaemon) outputs.add(Output.all(lineFormat, stdoutDestination.get()));
            if (!logData.isEmpty()) {
                var table = new NatlogTableFormat(columns);
                outputs.add(Output.all(table, new TableFileDestination(Path.of(logData), table.header())));
            }
        } catch (IOException e) {
            throw new UsageError("cannot open " + e.getMessage());
        }
        return outputs;
    }

    /** syslog's names, in any case: its ERR is this model's ERROR. */
    private Level priority() {
        String upper = syslogPriority.toUpperCase(java.util.Locale.ROOT);
        try {
            return Level.valueOf(upper.equals("ERR") ? "ERROR" : upper);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown syslog priority `" + syslogPriority
                    + "' (one of EMERG, ALERT, CRIT, ERR, WARNING, NOTICE, INFO, DEBUG)");
        }
    }

    /** The block natlog shows with -V -V, line for line. */
    private List<String> configuration(NatLogger.Mode mode, ProtocolSelection protocols, Ttl flowTtl, TimeStyle timeStyle,
                                       int verbosity, boolean inDaemon) {
        List<String> lines = new ArrayList<>();
        switch (mode) {
            case TCPDUMP -> {
                lines.add("TCPDUMP mode");
                lines.add(field("specifications:", String.join(" ", command)));
            }
            case DEVICES -> {
                lines.add("DEVICES mode");
                lines.add(field("specifications:", String.join(" ", command)));
            }
            case CONNTRACK -> {
                lines.add("CONNTRACK mode");
                lines.add(field("command: `", conntrackCommand + "'"));
                lines.add(field("conntrack device:", conntrackDevice));
                lines.add(conntrackIpHeaderSize == 0 ? "no conntrack IP header size correction"
                        : field("IP header size correction:", Integer.toString(conntrackIpHeaderSize)));
                lines.add("max # conntrack restarts: " + conntrackRestart);
            }
        }
        lines.add(field("config file:", configName()));
        lines.add(field("daemon:", Boolean.toString(inDaemon)));
        lines.add(field("protocol(s):", protocols.text()));
        if (!log.equals("off") && !log.equals("syslog")) lines.add(field("using log:", log));
        lines.add(field("using stdout:", Boolean.toString(stdout && !inDaemon)));
        lines.add(field("time type:", timeStyle.word()));
        if (mode != NatLogger.Mode.CONNTRACK) {
            lines.add(field("ttl (udp, icmp):", flowTtl.udpIcmpSeconds() + " seconds"));
            lines.add(field("ttl (tcp):", flowTtl.tcpSeconds() + " seconds"));
        }
        lines.add(field("verbosity:", Integer.toString(verbosity)));
        if (mode == NatLogger.Mode.CONNTRACK) {
            for (Protocol p : List.of(Protocol.TCP, Protocol.UDP, Protocol.ICMP)) {
                if (protocols.protocols().contains(p)) lines.add("conntrack reports " + p.name() + " connections");
            }
        }
        return lines;
    }

    /** natlog aligns the values of its configuration block at column 25. */
    private static String field(String label, String value) {
        return label + " ".repeat(Math.max(1, 25 - label.length())) + value;
    }

    /** --log-rotate: how often and how many files; null when not rotating. */
    private NatLogger.Rotations rotations(Log sink) throws UsageError {
        Path logFile = log.equals("off") || log.equals("syslog") ? null : Path.of(log);
        Path dataFile = logData.isEmpty() ? null : Path.of(logData);
        if (logRotate.isEmpty()) return new NatLogger.Rotations(sink, logFile, dataFile, 0, 1);
        Matcher m = ROTATE_SPEC.matcher(logRotate);
        if (!m.matches()) throw new UsageError("log-rotate must be time[mhd] or time[mhd]nFiles, not `" + logRotate + "'");
        long unit = switch (m.group(2)) {
            case "m" -> 60;
            case "h" -> 3600;
            default -> 86400;
        };
        int files = m.group(3).isEmpty() ? 1 : Integer.parseInt(m.group(3));
        long seconds = files == 0 ? 0 : Long.parseLong(m.group(1)) * unit;
        return new NatLogger.Rotations(sink, logFile, dataFile, seconds, Math.max(1, files));
    }

    private int detach() {
        try {
            List<String> args = new ArrayList<>(List.of("nat"));
            args.addAll(originalArguments());
            long pid = Daemon.detach(args, Duration.ofSeconds(30));
            if (verbose.length > 0) console.println("natlog daemon started, process " + pid);
            return 0;
        } catch (IOException | InterruptedException e) {
            System.err.println("wirelog nat: cannot start the daemon: " + e.getMessage());
            return 1;
        }
    }

    /** The arguments after {@code nat} as given (the daemon reads the configuration file again itself). */
    private List<String> originalArguments() {
        List<String> all = spec.commandLine().getParseResult().originalArgs();
        int at = all.indexOf("nat");
        return all.subList(at + 1, all.size());
    }

    private PidFile writePidFile() throws UsageError {
        try {
            return PidFile.write(pidFile);
        } catch (IOException e) {
            throw new UsageError("cannot write pid file " + pidFile + ": " + e.getMessage());
        }
    }

    private int terminate() throws UsageError {
        long pid = daemonPid();
        if (!Signals.send(pid, Signals.SIGTERM)) throw new UsageError("cannot signal process " + pid + " from " + pidFile);
        var handle = ProcessHandle.of(pid);
        for (int i = 0; i < 100 && handle.map(ProcessHandle::isAlive).orElse(false); i++) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (handle.map(ProcessHandle::isAlive).orElse(false)) throw new UsageError("process " + pid + " did not end");
        return 0;
    }

    private int signalDaemon() throws UsageError {
        long pid = daemonPid();
        if (rotate && !Signals.send(pid, Signals.SIGUSR1)) throw new UsageError("cannot signal process " + pid);
        if (rotateData && !Signals.send(pid, Signals.SIGUSR2)) throw new UsageError("cannot signal process " + pid);
        return 0;
    }

    private long daemonPid() throws UsageError {
        applyConfigFile(); // the pid file may be named there
        OptionalLong pid = PidFile.read(pidFile);
        if (pid.isEmpty()) throw new UsageError("no process id in " + pidFile + " (is natlog running?)");
        return pid.getAsLong();
    }
}
