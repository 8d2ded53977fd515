package org.wirelog.output;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.wirelog.model.Event;
import org.wirelog.model.Event.Notice;
import org.wirelog.model.EventSink;
import org.wirelog.model.Level;

/**
 * The one log writer: events are queued by whoever emits them (never blocking a relay) and written,
 * in the order they were emitted, by a single thread to every output. Their lines are rendered by the emitters or
 * by the writer, as the {@link Rendering} chosen for the mode says.
 *
 * <p>The queue holds at most {@code capacity} events: when the writer cannot keep up (a destination that blocks,
 * a flood of lines), emitters drop their event and count it rather than block or let memory grow, and the writer
 * says once, in the log itself, how many lines it lost. A destination that fails (a full disk) is reported once
 * on the problems stream when it starts failing and once when it works again, and is retried every second even
 * when no new line comes.
 */
public final class Log implements EventSink, AutoCloseable {

    /** Where an event's lines are rendered. */
    public enum Rendering {
        /**
         * By the thread that emits the event, where its objects were just made and are still in that core's cache: for
         * modes with many emitting threads (relays). The writer, on another core, then fetches a few strings instead
         * of every object of the event: with {@code log: connect disconnect}, its CPU per SOCKS session fell from 5.6
         * to 3.1 µs, and the carriers' grew by less than that (an interleaved A/B, docs/perf.md).
         */
        BY_EMITTERS,
        /** By the writer: for one emitting thread that is itself the bottleneck (a capture file read at full speed). */
        BY_WRITER
    }

    /** Control messages travel through the same queue so that they keep their place among the events. */
    private sealed interface Control {
    }

    private record Barrier(CountDownLatch done) implements Control {
    }

    private record Reopen() implements Control {
    }

    private record Replace(List<Output> outputs) implements Control {
    }

    private record Stop() implements Control {
    }

    /**
     * An event with its lines, rendered by the emitter for the outputs the writer had then: {@code texts} holds
     * each output's message and line, both null where that output does not show the event.
     */
    private record Rendered(Event event, List<Output> renderedFor, String[] texts) {
    }

    /** Queued by the first emitter that finds the queue full: the drop notice's place is where the drops began. */
    private record DropsBegan() implements Control {
    }

    /** The most events written between two flushes. */
    private static final int BATCH = 4096;
    /** How long the writer waits for more events after taking fewer than a batch. */
    private static final long LINGER_NANOS = 10_000_000L;
    /** How often a failing destination is tried again while no event comes. */
    private static final long RETRY_MILLIS = 1_000L;
    /**
     * The most events waiting for the writer. An event with its session is well under a kilobyte, so the queue
     * stays under about 64 MiB, and at the writer's pace (several hundred thousand lines a second) a full queue is
     * a writer stuck on its destination, not a burst.
     */
    public static final int DEFAULT_CAPACITY = 1 << 16;
    /**
     * How long {@link #close()} waits for what is queued to be written: a destination that blocks for good (a FIFO
     * nobody reads, a hung NFS mount) must not keep the process from exiting on SIGTERM.
     */
    public static final Duration DEFAULT_CLOSE_WAIT = Duration.ofSeconds(5);

    /**
     * Lock-free, so that an emitter never waits for another. Only an emitter that finds the writer asleep wakes
     * it (a futex call and a context switch); the events that follow while it lingers cost a queue entry each.
     */
    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writerAsleep = new AtomicBoolean();
    private final int capacity;
    private final Rendering rendering;
    private final Duration closeWait;
    /** The destination the writer is in a call to, if any: the one to name when it never returns. */
    private volatile Destination busyWith;
    /** Events in the queue (controls are not counted: they are few, and must never be dropped). */
    private final AtomicInteger queued = new AtomicInteger();
    /** Events dropped since the writer last said so. */
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private final PrintStream problems;
    private final Set<Destination> failing = new HashSet<>();
    /** Destinations given lines since the last flush: only their flush can prove that writing works again. */
    private final Set<Destination> written = new HashSet<>();
    /** Written by the writer only; read by emitters, which render for them. */
    private volatile List<Output> outputs;
    private volatile boolean closed;
    /** Lines handed to a destination without an error, for the metrics. */
    private final AtomicLong linesWritten = new AtomicLong();

    public Log(List<Output> outputs) {
        this(outputs, System.err);
    }

    /** @param problems where the log reports that it cannot write somewhere (once per failure, not per line) */
    public Log(List<Output> outputs, PrintStream problems) {
        this(outputs, problems, Rendering.BY_WRITER);
    }

    public Log(List<Output> outputs, PrintStream problems, Rendering rendering) {
        this(outputs, problems, rendering, DEFAULT_CAPACITY, DEFAULT_CLOSE_WAIT);
    }

    /**
     * @param capacity  the most events waiting to be written; more are dropped and counted
     * @param closeWait how long {@link #close()} waits for a writer that is stuck
     */
    public Log(List<Output> outputs, PrintStream problems, int capacity, Duration closeWait) {
        this(outputs, problems, Rendering.BY_WRITER, capacity, closeWait);
    }

    private Log(List<Output> outputs, PrintStream problems, Rendering rendering, int capacity, Duration closeWait) {
        if (capacity < 1) throw new IllegalArgumentException("log queue capacity " + capacity);
        this.capacity = capacity;
        this.rendering = rendering;
        this.closeWait = closeWait;
        this.outputs = List.copyOf(outputs);
        this.problems = problems;
        this.writer = Thread.ofPlatform().name("wirelog-log").daemon(true).start(this::run);
    }

    @Override
    public void emit(Event event) {
        // Never blocks: a relay thread that logs must not wait for a disk.
        if (queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            if (dropped.getAndIncrement() == 0) enqueue(new DropsBegan());
            return;
        }
        enqueue(rendering == Rendering.BY_EMITTERS ? rendered(event) : event);
    }

    /** The event with its lines, or the event alone when a format fails on it: the writer then tries, as it would. */
    private Object rendered(Event event) {
        List<Output> now = outputs;
        try {
            return new Rendered(event, now, render(now, event));
        } catch (RuntimeException e) {
            return event;
        }
    }

    private void enqueue(Object item) {
        queue.add(item);
        if (writerAsleep.get() && writerAsleep.compareAndSet(true, false)) LockSupport.unpark(writer);
    }

    /** Events waiting for the writer: how far it is behind. */
    public int queueDepth() {
        return queued.get();
    }

    /**
     * For a producer that can wait (a capture file, read faster than lines are written), where {@link #emit} would
     * drop what comes beyond the queue, as a live source must: when the writer is half its queue behind, waits
     * until it has caught up.
     */
    public void awaitRoom() {
        if (queued.get() > capacity / 2) sync();
    }

    /** Lines written to a destination so far (a line that goes to two destinations counts twice). */
    public long linesWritten() {
        return linesWritten.get();
    }

    /** Waits until everything emitted before this call is written and flushed. */
    public void sync() {
        if (closed) return;
        CountDownLatch done = new CountDownLatch(1);
        enqueue(new Barrier(done));
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reopens every file after what is queued now (SIGHUP after logrotate). */
    public void reopen() {
        enqueue(new Reopen());
    }

    /** Switches to new outputs after what is queued now; the old ones are closed. */
    public void replaceOutputs(List<Output> newOutputs) {
        enqueue(new Replace(List.copyOf(newOutputs)));
    }

    /**
     * Writes everything queued, closes the outputs and stops the writer; gives up after the close wait when a
     * destination blocks, saying which and how many lines are left unwritten.
     */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        enqueue(new Stop());
        try {
            if (writer.join(closeWait)) return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Destination stuck = busyWith;
        problems.println("wirelog: giving up on the log with " + queued.get() + " lines unwritten: writing to "
                + (stuck == null ? "it" : stuck.name()) + " has not returned for " + closeWait.toMillis() + " ms");
    }

    private void run() {
        List<Object> batch = new ArrayList<>(1024);
        while (true) {
            Object first = queue.poll();
            if (first == null) {
                sleepUntilWoken();
                if (queue.isEmpty() && !failing.isEmpty()) flushAll(); // try a failing destination again
                continue;
            }
            batch.add(first);
            drain(batch);
            if (batch.size() < BATCH && !(batch.getLast() instanceof Control)) {
                // Group commit: a writer that keeps up takes events one by one, and then every event
                // costs a wake-up of this thread and a write to each destination. In tcpdump mode
                // (400,000 lines in a few seconds) lingering took a quarter off the run's CPU time
                // (measured); a busy stream gathers into batches, a quiet one's lines wait 10 ms more. 10 ms
                // rather than 1: a SOCKS server at a few thousand sessions a second woke this thread for
                // every session or two (futex calls per session 9.7 -> 1.5 under strace, docs/perf.md).
                LockSupport.parkNanos(LINGER_NANOS);
                drain(batch);
            }
            if (!writeOut(batch)) return;
            batch.clear();
            flushAll();
        }
    }

    /**
     * Writes a batch in order. A method of its own, so that this loop runs in code the JIT compiled as a method:
     * in {@link #run} it was compiled a second time as the endless loop's on-stack replacement, formats and all,
     * which in tcpdump mode's few seconds took the last tier's compiler away from the reading thread's code.
     *
     * @return false when the batch told the writer to stop
     */
    private boolean writeOut(List<Object> batch) {
        // One update of the count shared with the emitters per batch, not one per event: each update takes its
        // cache line away from the emitters' cores.
        queued.addAndGet(-(int) batch.stream().filter(item -> !(item instanceof Control)).count());
        for (Object item : batch) {
            switch (item) {
                case Rendered r when r.renderedFor() == outputs -> writeLines(outputs, r.event().level(), r.texts());
                // Rendered for outputs replaced since: the event's lines belong to the new ones.
                case Rendered r -> write(r.event());
                case Event event -> write(event);
                case Control control -> {
                    flushAll();
                    if (!handle(control)) return false;
                }
                default -> throw new IllegalStateException("not a log queue item: " + item);
            }
        }
        return true;
    }

    private void drain(List<Object> batch) {
        for (Object item; batch.size() < BATCH && (item = queue.poll()) != null; ) batch.add(item);
    }

    /**
     * Parks until an emitter wakes the writer (or, while a destination fails, until it is time to try it again); the
     * queue is looked at again after saying so, lest a wake-up be lost.
     */
    private void sleepUntilWoken() {
        writerAsleep.set(true);
        if (queue.isEmpty()) {
            if (failing.isEmpty()) LockSupport.park(this); else LockSupport.parkNanos(this, RETRY_MILLIS * 1_000_000L);
        }
        writerAsleep.set(false);
    }

    /** @return false when the writer must stop */
    private boolean handle(Control control) {
        switch (control) {
            case Barrier barrier -> barrier.done().countDown();
            case Reopen ignored -> outputs.forEach(o -> guard(o.destination(), () -> o.destination().reopen()));
            case Replace replace -> {
                Set<Destination> kept = new HashSet<>();
                replace.outputs().forEach(o -> kept.add(o.destination()));
                outputs.stream().map(Output::destination).filter(d -> !kept.contains(d)).distinct()
                        .forEach(d -> guard(d, d::close));
                outputs = replace.outputs();
            }
            case DropsBegan ignored -> sayDropped();
            case Stop ignored -> {
                outputs.stream().map(Output::destination).distinct().forEach(d -> guard(d, d::close));
                return false;
            }
        }
        return true;
    }

    /** One notice for the events dropped since the last (none when an earlier notice counted them already). */
    private void sayDropped() {
        long lost = dropped.getAndSet(0);
        if (lost > 0) write(Notice.of(Level.WARNING, lost + " log lines dropped: the log writer fell " + capacity + " lines behind"));
    }

    private void write(Event event) {
        List<Output> current = outputs;
        String[] texts;
        try {
            texts = render(current, event);
        } catch (RuntimeException e) {
            // A format's bug must not stop the writer: every other line still gets written.
            problems.println("wirelog: cannot render a log line for " + event + ": " + e);
            return;
        }
        writeLines(current, event.level(), texts);
    }

    /** Each output's message and line: {@code [message0, line0, message1, line1, ...]}, nulls where not shown. */
    private static String[] render(List<Output> outputs, Event event) {
        String[] texts = new String[2 * outputs.size()];
        for (int i = 0; i < outputs.size(); i++) {
            Output output = outputs.get(i);
            if (!event.level().atLeast(output.threshold())) continue;
            String message = output.format().message(event);
            if (message == null) continue;
            texts[2 * i] = message;
            texts[2 * i + 1] = output.format().line(event, message);
        }
        return texts;
    }

    /** @param texts what {@link #render} made for exactly these outputs */
    private void writeLines(List<Output> renderedFor, Level level, String[] texts) {
        for (int i = 0; i < renderedFor.size(); i++) {
            String message = texts[2 * i], line = texts[2 * i + 1];
            if (message == null) continue;
            Destination destination = renderedFor.get(i).destination();
            if (guard(destination, () -> destination.write(level, message, line))) {
                written.add(destination);
                linesWritten.incrementAndGet();
            }
        }
    }

    private void flushAll() {
        outputs.stream().map(Output::destination).distinct().forEach(d -> {
            // Only a flush of lines proves that they reach the destination again; a write may just fill a buffer.
            boolean linesToFlush = written.contains(d) || d.holdsLines();
            if (guard(d, d::flush) && linesToFlush) recovered(d);
        });
        written.clear();
        // What a destination has to say about itself (lines it could not keep, a deleted file created again)
        // goes into the log, after the lines it concerns.
        List<String> notices = new ArrayList<>();
        outputs.stream().map(Output::destination).distinct().forEach(d -> notices.addAll(d.takeNotices()));
        if (notices.isEmpty()) return;
        notices.forEach(text -> write(Notice.of(Level.WARNING, text)));
        outputs.stream().map(Output::destination).distinct().forEach(d -> guard(d, d::flush));
    }

    private interface IoAction {
        void run() throws IOException;
    }

    /** Runs one destination operation; a failure is reported once, when it starts. @return whether it worked */
    private boolean guard(Destination destination, IoAction action) {
        busyWith = destination;
        try {
            action.run();
            return true;
        } catch (IOException | RuntimeException e) {
            if (failing.add(destination)) {
                problems.println("wirelog: cannot write to " + destination.name() + ": " + e.getMessage());
            }
            return false;
        } finally {
            busyWith = null;
        }
    }

    /** The end of a failure is reported once too. */
    private void recovered(Destination destination) {
        if (failing.remove(destination)) problems.println("wirelog: writing to " + destination.name() + " works again");
    }
}
