package org.wirelog.socks.limit;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@code max} sessions open at a time (0: no cap). Lock-free: a burst of clients either gets a place or
 * is refused at once, never queued.
 */
public final class SessionCap {

    private final int max;
    private final AtomicInteger open = new AtomicInteger();

    public SessionCap(int max) {
        if (max < 0) throw new IllegalArgumentException("negative session cap " + max);
        this.max = max;
    }

    public int max() {
        return max;
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
