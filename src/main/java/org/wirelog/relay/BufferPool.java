package org.wirelog.relay;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Direct buffers of one size, reused: an idle session holds only small buffers, and the large ones move
 * to whichever sessions are busy.
 */
final class BufferPool {

    static final BufferPool SMALL = new BufferPool(4 * 1024, 4096);
    static final BufferPool LARGE = new BufferPool(128 * 1024, 256);

    private final int size;
    private final int maxPooled;
    private final ConcurrentLinkedDeque<ByteBuffer> free = new ConcurrentLinkedDeque<>();
    private final AtomicInteger pooled = new AtomicInteger();

    private BufferPool(int size, int maxPooled) {
        this.size = size;
        this.maxPooled = maxPooled;
    }

    int size() {
        return size;
    }

    ByteBuffer take() {
        ByteBuffer buffer = free.pollFirst();
        if (buffer == null) return ByteBuffer.allocateDirect(size);
        pooled.decrementAndGet();
        return buffer.clear();
    }

    void give(ByteBuffer buffer) {
        if (pooled.incrementAndGet() <= maxPooled) {
            free.addFirst(buffer);
        } else {
            pooled.decrementAndGet();
        }
    }
}
