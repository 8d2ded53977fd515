package org.wirelog.socks.limit;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@code max} sessions open at a time (0: no cap). Lock-free: a burst of clients either gets a place or
 * is refused at once, never queued. Its refusals get a line each, up to {@value #LINES_PER_SECOND} a second.
 */
public final class SessionCap {

    static final int LINES_PER_SECOND = 10;

    private final int max;
    private final AtomicInteger open = new AtomicInteger();
    private final RefusalLines refusalLines = new RefusalLines(LINES_PER_SECOND);

    public SessionCap(int max) {
        if (max < 0) throw new IllegalArgumentException("negative session cap " + max);
        this.max = max;
    }

    public int max() {
        return max;
    }

    /** The lines of this cap's refusals, so that a flood of clients at a full server does not flood the log. */
    public RefusalLines refusalLines() {
        return refusalLines;
    }

    /** @return a permit, or null when the cap is reached */
    public Permit tryAcquire() {
        if (max == 0) return Permit.NONE;
        while (true) {
            int now = open.get();
            if (now >= max) return null;
            if (open.compareAndSet(now, now + 1)) break;
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) open.decrementAndGet();
        };
    }
}
