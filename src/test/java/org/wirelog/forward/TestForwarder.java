package org.wirelog.forward;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.wirelog.model.Event;
import org.wirelog.output.Log;

/**
 * The forwarder as {@code wirelog forward} runs it (options from the command line, the same log), in the
 * test's JVM, listening on a free loopback port; it keeps every event it emitted.
 */
final class TestForwarder implements AutoCloseable {

    static final ZoneId ZONE = ZoneId.systemDefault();

    final ForwardOptions options;
    final List<Event> events = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream problems = new ByteArrayOutputStream();
    private final Log log;
    private final Forwarder forwarder;

    private TestForwarder(ForwardOptions options) throws IOException {
        this.options = options;
        this.log = ForwardLog.open(options, ZONE, new PrintStream(problems, true, StandardCharsets.UTF_8));
        this.forwarder = Forwarder.open(options, event -> {
            events.add(event);
            log.emit(event);
        }, ZONE);
        forwarder.start();
    }

    /** @param args ipprotd's options; -p0@127.0.0.1 is put first, so a test may name its own -p */
    static TestForwarder start(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("-p0@127.0.0.1"));
        all.addAll(Arrays.asList(args));
        IpprotArgs.Run run = (IpprotArgs.Run) IpprotArgs.parse(all);
        return new TestForwarder(run.options());
    }

    int port() {
        return forwarder.address().getPort();
    }

    Socket connect() throws IOException {
        return new Socket("127.0.0.1", port());
    }

    /** Waits (at most 10 s) until {@code count} connections are over and their log entries are written. */
    List<Event> awaitEnded(int count) throws InterruptedException {
        // Generous: ending a connection includes finishing its compressed recording (bzip2 of megabytes).
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (ended().size() < count) {
            assertThat(System.nanoTime()).as("%d connections ended within 30 s", count).isLessThan(deadline);
            Thread.sleep(5);
        }
        log.sync();
        return ended();
    }

    private List<Event> ended() {
        return events.stream().filter(e -> e instanceof Event.SessionClosed || e instanceof Event.SessionRefused).toList();
    }

    List<String> notices() {
        return events.stream().filter(e -> e instanceof Event.Notice).map(e -> ((Event.Notice) e).text()).toList();
    }

    /** What the log writer said about destinations it could not write. */
    String logProblems() {
        log.sync();
        return problems.toString(StandardCharsets.UTF_8);
    }

    Forwarder forwarder() {
        return forwarder;
    }

    /** Stops accepting, waits for open connections (their -u commands included), closes the log. */
    void stop() throws InterruptedException {
        forwarder.close();
        forwarder.awaitConnections();
        log.close();
    }

    /** Cuts what is still open, then stops. */
    @Override
    public void close() {
        forwarder.abortConnections();
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
