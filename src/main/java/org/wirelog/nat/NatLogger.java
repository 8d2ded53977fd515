package org.wirelog.nat;

import java.io.IOException;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import org.wirelog.model.EndReason;
import org.wirelog.model.Event.Notice;
import org.wirelog.model.EventSink;
import org.wirelog.model.Level;
import org.wirelog.model.Protocol;
import org.wirelog.output.Log;
import org.wirelog.output.Rotation;
import org.wirelog.sys.MemoryUse;
import org.wirelog.sys.Pcap;
import org.wirelog.sys.PcapException;
import org.wirelog.sys.Signals;

/**
 * One run of natlog's three modes, with natlog's status lines around the connection lines (the
 * wording of natlog 3.00.01, so that what reads natlog's logs reads these) and its signals: SIGINT
 * and SIGTERM end devices and conntrack mode, logging what is still open as EOP; SIGHUP is noted and
 * ignored; SIGUSR1 and SIGUSR2 rotate the log and the table file.
 */
public final class NatLogger {

    public enum Mode { TCPDUMP, DEVICES, CONNTRACK }

    /** The files {@code --log-rotate}, {@code --rotate} and {@code --rotate-data} rotate (null: none). */
    public record Rotations(Log log, Path logFile, Path dataFile, long periodSeconds, int keep) {

        void rotateLog() {
            rotate(logFile);
        }

        void rotateData() {
            rotate(dataFile);
        }

        private void rotate(Path file) {
            if (file == null) return;
            try {
                Rotation.rotate(file, keep);
            } catch (IOException e) {
                log.emit(Notice.of(Level.WARNING, "cannot rotate " + file + ": " + e.getMessage()));
            }
            log.reopen();
        }
    }

    /** How often {@code --debug} reports the memory in use while devices or conntrack mode runs. */
    private static final long DEBUG_PERIOD_SECONDS = 60;

    private final Log log;
    private final EventSink translations;
    private final ProtocolSelection protocols;
    private final int verbosity;
    private final Consumer<String> verbose;
    private final boolean debug;
    private final Runnable ready;
    private volatile Runnable stopper = () -> { };
    /** Sees the translations as the log does (the metrics); none unless {@link #observe} says. */
    private volatile EventSink observer = EventSink.DISCARD;
    private volatile IntSupplier flowsTracked = () -> 0;
    private volatile DevicesSource capturing;

    /**
     * @param translations where the trackers' sessions go: the log, and beside it any other output of them (IPFIX)
     * @param verbose where -V notes go (stdout, whatever the log does)
     * @param debug   natlog's {@code --debug}: report the memory in use every minute and at the end
     * @param ready   called once the mode watches: signals handled, capture devices open, conntrack counting;
     *                a daemon's parent returns then, and a signal from then on ends the run the way it should
     */
    public NatLogger(Log log, EventSink translations, ProtocolSelection protocols, int verbosity, Consumer<String> verbose, boolean debug,
                     Runnable ready) {
        this.log = log;
        this.translations = translations;
        this.protocols = protocols;
        this.verbosity = verbosity;
        this.verbose = verbose;
        this.debug = debug;
        this.ready = ready;
    }

    /** Sends every translation to {@code observer} too; call before the mode runs. */
    public void observe(EventSink observer) {
        this.observer = observer;
    }

    /** Flows the running mode's tracker holds now (read without a lock: a gauge may lag by a packet). */
    public int flowsTracked() {
        return flowsTracked.getAsInt();
    }

    /** libpcap's counters per device in devices mode; none in the other modes (a file drops nothing). */
    public Map<String, Pcap.Stats> captureStats() {
        DevicesSource source = capturing;
        return source == null ? Map.of() : source.stats();
    }

    private EventSink translations() {
        return observer == EventSink.DISCARD ? translations : EventSink.tee(translations, observer);
    }

    private void status(String text) {
        log.emit(Notice.of(Level.NOTICE, text));
    }

    private void problem(String text) {
        log.emit(Notice.of(Level.ERROR, text));
        log.sync();
        System.err.println("wirelog nat: " + text);
    }

    private void processing() {
        status(verbosity >= 3 ? "processing:              " + protocols.text() : "processing: " + protocols.text());
    }

    /** natlog's last words of every mode. */
    private void childEnds() {
        if (debug) status(MemoryUse.describe());
        status("NatFork::childProcess notifying RotatingStreambuf");
        status("NatFork::childProcess ends");
    }

    public int tcpdump(Path in, Path out, NatAddresses addresses, boolean daemonAsked, List<String> specification) {
        ready.run();
        if (daemonAsked) status("mode TCPDUMP: ignoring daemon mode");
        processing();
        String files = specification.get(0) + " and " + specification.get(3);
        status("starting reading packets from " + files);
        CaptureReport report;
        try {
            var tracker = new NatTracker(addresses, protocols.protocols(), null, waitingForTheLog(translations()));
            flowsTracked = tracker::size;
            report = new TcpdumpSource(in, out).run(tracker);
        } catch (PcapException e) {
            problem(e.getMessage());
            return 1;
        }
        childEnds();
        report.problems().forEach(this::problem);
        status("processed all packets from " + files);
        return report.problems().isEmpty() ? 0 : 1;
    }

    /** Tcpdump mode reads its files faster than lines are written on a busy machine: it waits, not drops (Log). */
    private EventSink waitingForTheLog(EventSink sink) {
        return event -> {
            log.awaitRoom();
            sink.emit(event);
        };
    }

    public int devices(String in, String out, Ttl ttl, Rotations rotations) {
        NatAddresses addresses;
        try {
            addresses = DevicesSource.addresses(in, out);
        } catch (SocketException e) {
            problem(e.getMessage());
            return 1;
        }
        if (verbosity == 1) {
            verbose.accept(macLine(in));
            verbose.accept(macLine(out));
        }
        processing();
        status("starting capturing " + in + " and " + out);
        var source = new DevicesSource(in, out);
        var tracker = new NatTracker(addresses, protocols.protocols(), ttl, translations());
        flowsTracked = tracker::size;
        capturing = source;
        CaptureReport report;
        Handling handling = handleSignals(source::stop, rotations);
        try {
            report = source.run(tracker, ready);
        } catch (PcapException e) {
            problem(e.getMessage());
            return 1;
        } finally {
            handling.close();
        }
        status("cleanupWrap thread ends");
        tracker.finish(EndReason.of(EndReason.Kind.SHUTDOWN));
        childEnds();
        report.problems().forEach(this::problem);
        return 0;
    }

    public int conntrack(String command, int maxRestarts, int ipHeaderSize, boolean countBytes, Rotations rotations) {
        List<String> argv = new ArrayList<>(List.of(command.trim().split("\\s+")));
        Protocol single = protocols.single();
        if (single != null) argv.addAll(List.of("-p", single.word()));
        if (verbosity == 1) {
            for (Protocol p : List.of(Protocol.TCP, Protocol.UDP, Protocol.ICMP)) {
                if (protocols.protocols().contains(p)) verbose.accept("conntrack reports " + p.name() + " connections");
            }
        }
        processing();
        status("Starting `" + String.join(" ", argv) + "' (max " + maxRestarts + " restarts)");
        var tracker = new ConntrackTracker(protocols.protocols(), ipHeaderSize, translations());
        flowsTracked = tracker::size;
        var source = new ConntrackSource(argv, maxRestarts, log);
        boolean stopped;
        Handling handling = handleSignals(source::stop, rotations);
        if (countBytes) {
            String failed = ConntrackAccounting.enable();
            if (failed != null) problem(failed);
        }
        ready.run();
        try {
            stopped = source.run(line -> {
                ConntrackEvent event = ConntrackLineParser.parse(line);
                boolean followed = event != null && tracker.follows(event);
                if (verbosity >= 3) status("LINE: " + line + (followed ? "" : "   (not matched)"));
                if (followed) tracker.accept(event, System.currentTimeMillis() * 1000);
            });
        } finally {
            handling.close();
        }
        if (stopped) status("cleanupWrap thread ends");
        tracker.finish(EndReason.of(EndReason.Kind.SHUTDOWN));
        childEnds();
        status("monitoring conntrack ends");
        return stopped ? 0 : 1;
    }

    /** The signal handling of one mode's run; closing it ends the periodic rotation. */
    private interface Handling {
        void close();
    }

    private Handling handleSignals(Runnable stop, Rotations rotations) {
        stopper = stop;
        Signals.handle("TERM", this::stop);
        Signals.handle("INT", this::stop);
        Signals.handle("HUP", signal -> status("received signal " + signal + " (" + Signals.name(signal) + ")"));
        Signals.handle("USR1", signal -> rotations.rotateLog());
        Signals.handle("USR2", signal -> rotations.rotateData());
        if (rotations.periodSeconds() <= 0 && !debug) return () -> { };
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon(true).factory());
        if (rotations.periodSeconds() > 0) {
            timer.scheduleAtFixedRate(() -> {
                rotations.rotateLog();
                rotations.rotateData();
            }, rotations.periodSeconds(), rotations.periodSeconds(), TimeUnit.SECONDS);
        }
        if (debug) {
            timer.scheduleAtFixedRate(() -> status(MemoryUse.describe()), DEBUG_PERIOD_SECONDS, DEBUG_PERIOD_SECONDS, TimeUnit.SECONDS);
        }
        return timer::shutdownNow;
    }

    /** What SIGINT and SIGTERM do: say so, and end the mode's source. */
    public void stop(int signal) {
        status("received signal " + signal + " (" + Signals.name(signal) + ")");
        stopper.run();
    }

    private static String macLine(String device) {
        try {
            NetworkInterface nic = NetworkInterface.getByName(device);
            byte[] mac = nic == null ? null : nic.getHardwareAddress();
            return "Device " + device + " has MAC address " + (mac == null ? "(none)" : HexFormat.ofDelimiter(":").formatHex(mac));
        } catch (SocketException e) {
            return "Device " + device + ": " + e.getMessage();
        }
    }
}
