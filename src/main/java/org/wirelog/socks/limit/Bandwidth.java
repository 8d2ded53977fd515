package org.wirelog.socks.limit;

import java.nio.ByteBuffer;
import org.wirelog.model.Direction;
import org.wirelog.relay.RelayListener;

/**
 * {@code bandwidth: N}: the bytes per second that all sessions of one rule share, both directions together. A
 * relay is held back before it passes bytes on, for as long as the rule is ahead of its budget; the budget may
 * burst by one second's worth after idling.
 */
public final class Bandwidth {

    private final long bytesPerSecond;
    /** When the bytes granted so far will all have been "paid for", in System.nanoTime() terms. */
    private long paidUntil = System.nanoTime();

    public Bandwidth(long bytesPerSecond) {
        if (bytesPerSecond < 1) throw new IllegalArgumentException("bandwidth must be positive");
        this.bytesPerSecond = bytesPerSecond;
    }

    /** Waits until {@code bytes} more fit in the budget. */
    public void pace(long bytes) {
        if (bytes <= 0) return;
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long earliest = now - 1_000_000_000L;
            if (paidUntil < earliest) paidUntil = earliest;
            paidUntil += bytes * 1_000_000_000L / bytesPerSecond;
            wait = paidUntil - now;
        }
        if (wait > 0) {
            try {
                Thread.sleep(java.time.Duration.ofNanos(wait));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A relay listener that paces, then tells {@code next}. */
    public RelayListener pacing(RelayListener next) {
        return (Direction direction, ByteBuffer data) -> {
            pace(data.remaining());
            next.transferred(direction, data);
        };
    }
}
