package org.wirelog.socks.limit;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/** {@code session.throttle: N/S}: at most N sessions may start within any S seconds (a sliding window). */
public final class Throttle {

    private final int count;
    private final long periodNanos;
    private final LongSupplier clock;
    private final Deque<Long> starts = new ArrayDeque<>();

    public Throttle(int count, Duration period, LongSupplier nanoClock) {
        if (count < 1 || period.isNegative() || period.isZero()) throw new IllegalArgumentException("bad throttle");
        this.count = count;
        this.periodNanos = period.toNanos();
        this.clock = nanoClock;
    }

    /** Counts a start if the window has room. @return whether it had */
    public synchronized boolean tryStart() {
        long now = clock.getAsLong();
        while (!starts.isEmpty() && now - starts.peekFirst() >= periodNanos) starts.removeFirst();
        if (starts.size() >= count) return false;
        starts.addLast(now);
        return true;
    }
}
