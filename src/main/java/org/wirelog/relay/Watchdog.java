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

    private static ScheduledExecutorService createTimer() {
        var timer = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("wirelog-timer").daemon(true).factory());
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    public static ScheduledFuture<?> after(Duration delay, Runnable action) {
        return TIMER.schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    public static ScheduledFuture<?> afterNanos(long nanos, Runnable action) {
        return TIMER.schedule(action, nanos, TimeUnit.NANOSECONDS);
    }
}
