package org.wirelog.relay;

import java.time.Instant;
import org.wirelog.sys.ArrivalStamps;

/**
 * Times the datagrams of one direction of a UDP relay for its {@link DatagramLatency}, from the kernel's arrival
 * stamp. Every datagram is timed while they come slower than one a millisecond; a busier direction times one a
 * millisecond, so that it pays one more system call per millisecond rather than one per datagram. Used by the
 * direction's one thread.
 */
final class DatagramTimer {

    private static final long GAP_NANOS = 1_000_000;

    private final DatagramLatency latency;
    private long lastTimed = System.nanoTime() - GAP_NANOS;
    /** The datagram read last, if timed: its latency when read, and when that was (nanoTime); else -1. */
    private long readLatencyMicros;
    private long readAt = -1;

    DatagramTimer(DatagramLatency latency) {
        this.latency = latency;
    }

    /** A datagram has just been read from the socket of {@code stamps} (null: that socket has none). */
    void read(ArrivalStamps stamps) {
        readAt = -1;
        if (stamps == null || latency == DatagramLatency.NONE) return;
        long now = System.nanoTime();
        if (now - lastTimed < GAP_NANOS) return;
        long arrived = stamps.lastMicros();
        if (arrived < 0) return;
        Instant wall = Instant.now();
        long micros = Math.max(0, wall.getEpochSecond() * 1_000_000 + wall.getNano() / 1000 - arrived);
        lastTimed = now;
        readAt = now;
        readLatencyMicros = micros;
        latency.read(micros);
    }

    /** The datagram read last has been sent on. */
    void sent() {
        if (readAt < 0) return;
        latency.relayed(readLatencyMicros + (System.nanoTime() - readAt) / 1000);
        readAt = -1;
    }
}
