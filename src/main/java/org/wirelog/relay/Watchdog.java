package org.wirelog.relay;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One timer thread for every deadline of the process (negotiate, i/o and fin-wait timeouts), so that a
 * waiting session costs a queue entry, not a thread.
 */
public final class Watchdog {

    private static final ScheduledExecutorService TIMER = createTimer();

    private Watchdog() {
    }

    /** The period of the timer's own tick; see {@link #createTimer()}. */
    private static final long TICK_MILLIS = 500;

    private static ScheduledExecutorService createTimer() {
        var timer = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("wirelog-timer").daemon(true).factory());
        timer.setRemoveOnCancelPolicy(true);
        // A deadline that becomes the earliest one wakes the timer thread to wait for it instead (a futex call and a
        // context switch in the session's path). Most deadlines (negotiate, connect) are cancelled within a
        // millisecond, so the queue was often empty and every session paid that wake-up, up to three times. With a
        // tick that is always due within half a second, a deadline of half a second or more is never the earliest.
        timer.scheduleAtFixedRate(() -> { }, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        return timer;
    }

    public static ScheduledFuture<?> after(Duration delay, Runnable action) {
        return TIMER.schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    public static ScheduledFuture<?> afterNanos(long nanos, Runnable action) {
        return TIMER.schedule(action, nanos, TimeUnit.NANOSECONDS);
    }
}
