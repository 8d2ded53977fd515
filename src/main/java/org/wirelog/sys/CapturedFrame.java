package org.wirelog.sys;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A captured frame, copied into a buffer that the next frame overwrites: a reader keeps one and
 * hands it to {@link FrameSource#next(CapturedFrame)} again and again, so that reading a
 * capture of millions of packets allocates nothing per packet (a fresh array and record per frame
 * were half of what tcpdump mode allocated).
 */
public final class CapturedFrame {

    private final byte[] bytes;
    private int length;
    private long micros;

    /** @param capacity the bytes kept of each frame: those beyond it are not copied (a snapshot length) */
    public CapturedFrame(int capacity) {
        this.bytes = new byte[capacity];
    }

    /** The buffer; only the first {@link #length()} bytes belong to this frame. */
    public byte[] bytes() {
        return bytes;
    }

    /** The bytes of this frame in {@link #bytes()}: what was captured, at most the capacity. */
    public int length() {
        return length;
    }

    /** The capture time stamp, microseconds since the epoch. */
    public long micros() {
        return micros;
    }

    /** @param captured the bytes of the frame at {@code at} in {@code data} */
    void fill(long micros, MemorySegment data, long at, int captured) {
        this.micros = micros;
        this.length = Math.min(captured, bytes.length);
        MemorySegment.copy(data, ValueLayout.JAVA_BYTE, at, bytes, 0, length);
    }
}
