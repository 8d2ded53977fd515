package org.wirelog.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.wirelog.config.ConfigException;
import org.wirelog.config.SockdConf;
import org.wirelog.config.SocksConfig;
import org.wirelog.format.dante.DanteFormat;
import org.wirelog.format.json.JsonLinesFormat;
import org.wirelog.model.Event.Notice;
import org.wirelog.model.Level;
import org.wirelog.output.EventFormat;
import org.wirelog.output.Log;
import org.wirelog.output.Output;
import org.wirelog.output.Outputs;
import org.wirelog.socks.SocksServer;
import org.wirelog.socks.status.StatusReport;
import org.wirelog.status.LiveSessions;
import org.wirelog.status.Monitor;
import org.wirelog.sys.Daemon;
import org.wirelog.sys.PidFile;
import org.wirelog.sys.Privileges;
import org.wirelog.sys.Signals;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wirelog socks}: danted's command line, running the SOCKS server. */
@Command(name = "socks", mixinStandardHelpOptions = false, versionProvider = Version.class,
        description = {"Dante-compatible SOCKS 4/4a/5 server writing Dante's traffic log.",
                "Without -f: serves loopback clients on 127.0.0.1:1080 and logs to stdout."})
public final class SocksCommand implements Callable<Integer> {

    private static final String DEFAULT_CONFIG = "default-sockd.conf";
    /** How long SIGTERM waits for the sessions it ends to write their closing lines. */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(3);

    @Option(names = "-f", paramLabel = "FILE", description = "sockd.conf to run from (Dante's grammar)")
    Path configFile;

    @Option(names = "-d", paramLabel = "N", description = "debug level 0, 1 or 2 (overrides the config's debug:)")
    Integer debug;

    @Option(names = "-p", paramLabel = "FILE", description = "write the process id to FILE")
    Path pidFile;

    @Option(names = "-V", description = "check the configuration and exit")
    boolean verifyOnly;

    @Option(names = "-D", description = "detach from the terminal and run in the background")
    boolean detach;

    @Option(names = "-N", paramLabel = "N", description = "number of processes (accepted for danted compatibility; wirelog is one process)")
    Integer processes;

    @Option(names = "--log-format", paramLabel = "dante|json",
            description = "the format of every logoutput and errorlog: dante (default, Dante's traffic log) or json (one object per event)")
    String logFormat = "dante";

    @Option(names = "-v", versionHelp = true, description = "print the version and exit")
    boolean version;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    boolean help;

    @Mixin
    MetricsOption metrics;

    @Spec
    CommandSpec spec;

    /** The configuration in force: the one a broken SIGHUP config falls back to. */
    private volatile SocksConfig running;

    @Override
    public Integer call() throws Exception {
        if (!logFormat.equals("dante") && !logFormat.equals("json")) {
            System.err.println("wirelog: --log-format is dante or json, not " + logFormat);
            return 1;
        }
        SocksConfig config;
        try {
            config = load();
        } catch (ConfigException | IOException e) {
            System.err.println("wirelog: " + e.getMessage());
            return 1;
        }
        if (verifyOnly) {
            try {
                SocksServer.checkSupported(config);
            } catch (IOException e) {
                System.err.println("wirelog: " + e.getMessage());
                return 1;
            }
            return 0;
        }
        if (detach) {
            try {
                Daemon.detach(argsWithoutDetach(), Duration.ofSeconds(30));
                return 0;
            } catch (IOException e) {
                System.err.println("wirelog: " + e.getMessage());
                return 1;
            }
        }
        return serve(config);
    }

    private int serve(SocksConfig config) throws InterruptedException {
        running = config;
        // sockd.conf has no word for a format: the one chosen on the command line is every output's
        EventFormat format = logFormat.equals("json") ? new JsonLinesFormat() : DanteFormat.forThisProcess();
        Log log;
        try {
            log = new Log(Outputs.open(config.logOutputs(), config.errorLogs(), format), System.err, Log.Rendering.BY_EMITTERS);
        } catch (IOException e) {
            System.err.println("wirelog: " + e.getMessage());
            return 1;
        }
        SocksServer server;
        PidFile pid = null;
        Monitor monitor = null;
        try {
            monitor = metrics.open("socks");
            server = new SocksServer(config, log);
            if (pidFile != null) pid = PidFile.write(pidFile);
            // Listening sockets, log files and the pid file are open: what needs root is done.
            switchUser(config, log);
        } catch (IOException e) {
            if (monitor != null) monitor.close();
            log.emit(Notice.of(Level.ERROR, e.getMessage()));
            log.emit(Notice.of(Level.ALERT, "mother[1/1]: shutting down"));
            log.close();
            System.err.println("wirelog: " + e.getMessage());
            return 1;
        }
        CountDownLatch stop = new CountDownLatch(1);
        int[] stopSignal = {0};
        for (String name : List.of("TERM", "INT")) {
            Signals.handle(name, number -> {
                stopSignal[0] = number;
                stop.countDown();
            });
        }
        Signals.handle("HUP", number -> reload(server, log, format));
        // SIGINFO exists on the BSDs only; where it does not, handle() says so and SIGUSR1 alone asks.
        for (String name : List.of("USR1", "INFO")) Signals.handle(name, number -> dumpStatus(server, log));
        log.emit(Notice.of(Level.INFO, "wirelog/server[1/1] v" + Version.NUMBER + " running"));
        warnAboutExposure(server, log);
        server.observe(monitor.sessions());
        monitor.liveSessions(LiveSessions.of(server.active()));
        monitor.process().log(log);
        monitor.start();
        server.start();
        Daemon.signalReady();
        stop.await();
        int cut = server.shutDown(SHUTDOWN_GRACE);
        if (cut > 0) {
            log.emit(Notice.of(Level.WARNING, cut + " client connections still negotiating at exit were closed without "
                    + "a closing line"));
        }
        monitor.close();
        log.emit(Notice.of(Level.INFO, "sigterm(): exiting on signal " + stopSignal[0]));
        log.emit(Notice.of(Level.ALERT, "mother[1/1]: shutting down"));
        log.close();
        if (pid != null) {
            PidFile written = pid;
            try {
                Privileges.privileged(() -> {
                    written.close();
                    return null;
                });
            } catch (IOException e) {
                System.err.println("wirelog: " + e.getMessage());
            }
        }
        return 0;
    }

    /**
     * {@code user.unprivileged}: run as that user from now on; with {@code user.privileged} keep the way back for
     * reopening log files, as danted does. Only root can switch; anyone else runs on as who they are.
     */
    private static void switchUser(SocksConfig config, Log log) throws IOException {
        if (config.unprivileged() == null) return;
        boolean debugging = config.debug() > 0;
        if (!Privileges.isRoot()) {
            if (debugging) log.emit(Notice.of(Level.DEBUG, "user.unprivileged " + config.unprivileged() + ": not switched to, "
                    + "wirelog does not run as root"));
            return;
        }
        Privileges.User to = Privileges.lookup(config.unprivileged());
        Privileges.User from = config.privileged() == null ? null : Privileges.lookup(config.privileged());
        Privileges.switchTo(to, from);
        if (debugging) log.emit(Notice.of(Level.DEBUG, "running as user " + to.name() + " (uid " + to.uid() + ", gid " + to.gid() + ")"
                + (from == null ? " for good" : ", as " + from.name() + " only to reopen log files")));
    }

    private static void warnAboutExposure(SocksServer server, Log log) {
        for (String warning : server.exposureWarnings()) log.emit(Notice.of(Level.WARNING, warning));
    }

    /** SIGUSR1: the status dump into logoutput, at level info, as Dante's (REPORT section 5). */
    private static void dumpStatus(SocksServer server, Log log) {
        for (String line : StatusReport.lines(server.active(), Version.NUMBER, server.sessionCap(), Instant.now())) {
            log.emit(Notice.of(Level.INFO, line));
        }
    }

    /**
     * SIGHUP: new rules for new sessions and log files opened afresh (after logrotate renamed them); a broken
     * config keeps the old one running, with its log files reopened all the same.
     */
    private void reload(SocksServer server, Log log, EventFormat format) {
        try {
            // The config file, like the log files, may be readable by the privileged user only.
            SocksConfig fresh = Privileges.<SocksConfig, ConfigException>privileged(this::load);
            SocksServer.checkSupported(fresh);
            List<Output> outputs = Privileges.privileged(() -> Outputs.open(fresh.logOutputs(), fresh.errorLogs(), format));
            server.reconfigure(fresh);
            log.replaceOutputs(outputs);
            running = fresh;
            log.emit(Notice.of(Level.INFO, "sighup(): configuration re-read"));
            warnAboutExposure(server, log);
        } catch (ConfigException | IOException e) {
            log.emit(Notice.of(Level.ERROR, "sighup(): keeping the old configuration: " + e.getMessage()));
            try {
                SocksConfig old = running;
                log.replaceOutputs(Privileges.privileged(() -> Outputs.open(old.logOutputs(), old.errorLogs(), format)));
            } catch (IOException again) {
                log.emit(Notice.of(Level.ERROR, "sighup(): cannot reopen the log files, writing on to the old ones: "
                        + again.getMessage()));
            }
        }
    }

    private SocksConfig load() throws ConfigException, IOException {
        List<String> warnings = new ArrayList<>();
        SocksConfig config;
        if (configFile != null) {
            config = SockdConf.parse(configFile, warnings::add);
        } else {
            try (InputStream in = SocksCommand.class.getResourceAsStream(DEFAULT_CONFIG)) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                config = SockdConf.parse(text, Path.of("(embedded default)"), warnings::add);
            }
        }
        warnings.forEach(w -> System.err.println("wirelog: warning: " + w));
        return debug == null ? config : config.withDebug(debug);
    }

    /** The whole command line as given (it starts with "socks"), less the detach flag. */
    private List<String> argsWithoutDetach() {
        // The original arguments start with the mode's name ("socks"), as the child needs them.
        List<String> args = new ArrayList<>();
        for (String arg : spec.commandLine().getParseResult().originalArgs()) {
            if (!arg.equals("-D")) args.add(arg);
        }
        return args;
    }
}
