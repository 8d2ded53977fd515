package org.wirelog.cli;

import java.io.IOException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.wirelog.forward.ForwardLog;
import org.wirelog.forward.ForwardOptions;
import org.wirelog.forward.Forwarder;
import org.wirelog.forward.IpprotArgs;
import org.wirelog.forward.UsageException;
import org.wirelog.model.Event.Notice;
import org.wirelog.model.EventSink;
import org.wirelog.model.Level;
import org.wirelog.output.Log;
import org.wirelog.status.Monitor;
import org.wirelog.sys.Daemon;
import org.wirelog.sys.PidFile;
import org.wirelog.sys.Signals;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Unmatched;

/**
 * {@code wirelog forward}: ipprotd's command line. Its options (-p8080@host, -Dp, -uT, -?) are not picocli's
 * kind, so picocli hands them over unparsed and {@link IpprotArgs} reads them as ipprotd does.
 */
@Command(name = "forward", description = "ipprotd-compatible TCP port forwarder that logs connections and records their traffic (-? for its options).")
public final class ForwardCommand implements Callable<Integer> {

    @Unmatched
    List<String> args = new ArrayList<>();

    @Mixin
    MetricsOption metrics;

    @Override
    public Integer call() throws Exception {
        IpprotArgs.Parsed parsed;
        try {
            parsed = IpprotArgs.parse(args);
        } catch (UsageException e) {
            System.err.println("wirelog forward: " + e.getMessage());
            System.err.println("Try 'wirelog forward -?' for the options.");
            return 2;
        }
        return switch (parsed) {
            case IpprotArgs.Help ignored -> {
                System.out.print(ForwardHelp.text());
                yield 0;
            }
            case IpprotArgs.Version ignored -> {
                System.out.println(new Version().getVersion()[0] + ", forward: ipprotd-compatible");
                yield 0;
            }
            case IpprotArgs.Run run -> {
                run.warnings().forEach(w -> System.err.println("wirelog forward: warning: " + w));
                if (run.options().detach()) {
                    List<String> child = new ArrayList<>(List.of("forward"));
                    child.addAll(metrics.arguments());
                    child.addAll(run.foregroundArgs());
                    try {
                        Daemon.detach(child, Duration.ofSeconds(30));
                        yield 0;
                    } catch (IOException e) {
                        System.err.println("wirelog forward: " + e.getMessage());
                        yield 1;
                    }
                }
                yield serve(run.options());
            }
        };
    }

    private int serve(ForwardOptions options) throws InterruptedException {
        ZoneId zone = ZoneId.systemDefault();
        Log log;
        try {
            log = ForwardLog.open(options, zone, System.err);
        } catch (IOException e) {
            System.err.println("wirelog forward: " + e.getMessage());
            return 1;
        }
        Forwarder forwarder;
        PidFile pid = null;
        Monitor monitor = null;
        try {
            monitor = metrics.open("forward");
            forwarder = Forwarder.open(options, EventSink.tee(log, monitor.sessions()), zone);
            if (options.pidFile() != null) pid = PidFile.write(options.pidFile());
        } catch (IOException e) {
            if (monitor != null) monitor.close();
            log.close();
            System.err.println("wirelog forward: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopAccepting = new CountDownLatch(1);
        AtomicInteger terms = new AtomicInteger();
        Signals.handle("TERM", signal -> {
            // ipprotd: connections that are open go on until they close. A second TERM cuts them.
            stopAccepting.countDown();
            if (terms.incrementAndGet() > 1) forwarder.abortConnections();
        });
        Signals.handle("INT", signal -> {
            stopAccepting.countDown();
            forwarder.abortConnections();
        });
        Signals.handle("HUP", signal -> log.reopen());
        monitor.process().log(log);
        monitor.start();
        forwarder.start();
        Daemon.signalReady();
        stopAccepting.await();
        forwarder.close();
        log.emit(Notice.of(Level.NOTICE, "stopped accepting; waiting for " + forwarder.openConnections() + " open connections"));
        forwarder.awaitConnections();
        monitor.close();
        log.close();
        if (pid != null) pid.close();
        return 0;
    }
}
