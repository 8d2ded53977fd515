package org.wirelog.status;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Bytes per second over the last minutes, for the status page's chart: a ring of per-second counts sampled
 * once a second from a running byte total.
 */
public final class Throughput {

    private final long[] perSecond;
    private final LongSupplier total;
    private int next;
    /**
     * The highest total seen: a session that ends is counted by its relay until the moment its close is counted,
     * and a sample between the two may see it twice; counting from the high-water mark never counts a byte twice.
     */
    private long highWater;

    /** @param total bytes relayed so far, both ways */
    public Throughput(int seconds, LongSupplier total) {
        this.perSecond = new long[seconds];
        this.total = total;
        this.highWater = total.getAsLong();
    }

    /** Called once a second. */
    public synchronized void sample() {
        long now = total.getAsLong();
        perSecond[next] = Math.max(0, now - highWater);
        highWater = Math.max(highWater, now);
        next = (next + 1) % perSecond.length;
    }

    /** The counts, oldest first; the last is the second that just ended. */
    public synchronized List<Long> lastSeconds() {
        List<Long> out = new ArrayList<>(perSecond.length);
        for (int i = 0; i < perSecond.length; i++) out.add(perSecond[(next + i) % perSecond.length]);
        return out;
    }
}
