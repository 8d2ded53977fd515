package org.wirelog.output;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.wirelog.model.Event;
import org.wirelog.model.EventSink;

/**
 * The one log writer: events are queued by whoever emits them (never blocking a relay) and written,
 * in the order they were emitted, by a single thread to every output.
 */
public final class Log implements EventSink, AutoCloseable {

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

    /** The most events written between two flushes. */
    private static final int BATCH = 4096;
    /** How long the writer waits for more events after taking fewer than a batch. */
    private static final long LINGER_NANOS = 1_000_000L;

    /**
     * Lock-free, so that an emitter never waits for another. Only an emitter that finds the writer asleep wakes
     * it (a futex call and a context switch); the events that follow while it lingers cost a queue entry each.
     */
    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writerAsleep = new AtomicBoolean();
    private final Thread writer;
    private final PrintStream problems;
    private final Set<Destination> failing = new HashSet<>();
    /** Destinations given lines since the last flush: only their flush can prove that writing works again. */
    private final Set<Destination> written = new HashSet<>();
    private List<Output> outputs;
    private volatile boolean closed;

    public Log(List<Output> outputs) {
        this(outputs, System.err);
    }

    /** @param problems where the log reports that it cannot write somewhere (once per failure, not per line) */
    public Log(List<Output> outputs, PrintStream problems) {
        this.outputs = List.copyOf(outputs);
        this.problems = problems;
        this.writer = Thread.ofPlatform().name("wirelog-log").daemon(true).start(this::run);
    }

    @Override
    public void emit(Event event) {
        enqueue(event);
    }

    private void enqueue(Object item) {
        queue.add(item);
        if (writerAsleep.get() && writerAsleep.compareAndSet(true, false)) LockSupport.unpark(writer);
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

    /** Writes everything queued, closes the outputs and stops the writer. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        enqueue(new Stop());
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<Object> batch = new ArrayList<>(1024);
        while (true) {
            Object first = queue.poll();
            if (first == null) {
                sleepUntilWoken();
                continue;
            }
            batch.add(first);
            drain(batch);
            if (batch.size() < BATCH && batch.getLast() instanceof Event) {
                // Group commit: a writer that keeps up takes events one by one, and then every event
                // costs a wake-up of this thread and a write to each destination. In tcpdump mode
                // (400,000 lines in a few seconds) lingering took a quarter off the run's CPU time
                // (measured); a busy stream gathers into batches, a quiet one's lines wait 1 ms more. (10 ms
                // halved the writer's CPU per SOCKS session, but broke the NAT logger's live test: docs/perf.md.)
                LockSupport.parkNanos(LINGER_NANOS);
                drain(batch);
            }
            for (Object item : batch) {
                if (item instanceof Event event) {
                    write(event);
                } else if (item instanceof Control control) {
                    flushAll();
                    if (!handle(control)) return;
                }
            }
            batch.clear();
            flushAll();
        }
    }

    private void drain(List<Object> batch) {
        for (Object item; batch.size() < BATCH && (item = queue.poll()) != null; ) batch.add(item);
    }

    /** Parks until an emitter wakes the writer; the queue is looked at again after saying so, lest a wake-up be lost. */
    private void sleepUntilWoken() {
        writerAsleep.set(true);
        if (queue.isEmpty()) LockSupport.park(this);
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
            case Stop ignored -> {
                outputs.stream().map(Output::destination).distinct().forEach(d -> guard(d, d::close));
                return false;
            }
        }
        return true;
    }

    private void write(Event event) {
        for (Output output : outputs) {
            if (!event.level().atLeast(output.threshold())) continue;
            String message = output.format().message(event);
            if (message == null) continue;
            String line = output.format().line(event, message);
            if (guard(output.destination(), () -> output.destination().write(event.level(), message, line))) {
                written.add(output.destination());
            }
        }
    }

    private void flushAll() {
        outputs.stream().map(Output::destination).distinct().forEach(d -> {
            // Only a flush of lines proves that they reach the destination again; a write may just fill a buffer.
            if (guard(d, d::flush) && written.contains(d)) recovered(d);
        });
        written.clear();
    }

    private interface IoAction {
        void run() throws IOException;
    }

    /** Runs one destination operation; a failure is reported once, when it starts. @return whether it worked */
    private boolean guard(Destination destination, IoAction action) {
        try {
            action.run();
            return true;
        } catch (IOException | RuntimeException e) {
            if (failing.add(destination)) {
                problems.println("wirelog: cannot write to " + destination.name() + ": " + e.getMessage());
            }
            return false;
        }
    }

    /** The end of a failure is reported once too. */
    private void recovered(Destination destination) {
        if (failing.remove(destination)) problems.println("wirelog: writing to " + destination.name() + " works again");
    }
}
