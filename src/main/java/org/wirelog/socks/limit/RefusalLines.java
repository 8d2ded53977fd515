package org.wirelog.socks.limit;

import java.time.Duration;
import java.util.function.LongConsumer;
import org.wirelog.relay.Watchdog;

/**
 * One line per refusal, up to so many a second; past that, refusals are counted and summed up in one line a second
 * later. A flood of clients at a full server thus costs the log a few lines a second, and no refusal goes uncounted.
 */
public final class RefusalLines {

    private static final long SECOND_NANOS = 1_000_000_000L;

    private final int perSecond;
    private long windowStart = System.nanoTime();
    private int lines;
    private long unlogged;
    private boolean summing;

    public RefusalLines(int perSecond) {
        this.perSecond = perSecond;
    }

    /**
     * Whether this refusal gets a line of its own. If not, it is counted, and {@code summary} is given the count of
     * those not logged one by one a second after the first of them.
     */
    public synchronized boolean line(LongConsumer summary) {
        long now = System.nanoTime();
        if (now - windowStart >= SECOND_NANOS) {
            windowStart = now;
            lines = 0;
        }
        if (lines < perSecond) {
            lines++;
            return true;
        }
        unlogged++;
        if (!summing) {
            summing = true;
            Watchdog.after(Duration.ofSeconds(1), () -> summary.accept(takeUnlogged()));
        }
        return false;
    }

    private synchronized long takeUnlogged() {
        long count = unlogged;
        unlogged = 0;
        summing = false;
        return count;
    }
}
