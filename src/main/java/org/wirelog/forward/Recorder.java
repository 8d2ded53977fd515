package org.wirelog.forward;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.wirelog.model.Direction;
import org.wirelog.relay.RelayListener;

/**
 * Records one connection into its data file. The relay threads only copy each read into a bounded queue;
 * one virtual thread per connection formats, compresses and writes it, so a slow disk or compressor never
 * sits between the two peers until the queue is full. Then the relay waits (back-pressure): nothing that
 * was forwarded is ever missing from the file. A file that cannot be written is reported (once, see
 * {@link RecordingErrors}) and the queue is still drained, so forwarding goes on.
 */
final class Recorder implements RelayListener {

    /** With the relay's 128 kB reads at most 8 MiB per connection are waiting for the disk. */
    private static final int QUEUE_BLOCKS = 64;
    private static final Block END = new Block(Direction.FROM_CLIENT, 0, null);

    private final RecordingSettings settings;
    private final Path file;
    private final ZoneId zone;
    private final RecordingErrors errors;
    private final boolean timed;
    private final BlockingQueue<Block> queue = new ArrayBlockingQueue<>(QUEUE_BLOCKS);
    private final Thread writer;

    Recorder(RecordingSettings settings, Path file, ZoneId zone, RecordingErrors errors) {
        this.settings = settings;
        this.file = file;
        this.zone = zone;
        this.errors = errors;
        this.timed = BlockWriter.needsTime(settings);
        this.writer = Thread.ofVirtual().name("recorder").start(this::drain);
    }

    @Override
    public void transferred(Direction direction, ByteBuffer data) {
        if (!data.hasRemaining() || !BlockWriter.writesSomething(settings, direction)) return;
        byte[] copy = null;
        if (settings.recorded().includes(direction)) {
            copy = new byte[data.remaining()];
            data.get(copy);
        }
        enqueue(new Block(direction, timed ? nowMicros() : 0, copy));
    }

    /** Waits until every block is in the file and the file (a complete archive when compressed) is closed. */
    void finish() {
        enqueue(END);
        boolean interrupted = false;
        while (true) {
            try {
                writer.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    private void enqueue(Block block) {
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(block);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    private void drain() {
        BlockWriter out = open();
        while (true) {
            Block block;
            try {
                block = queue.take();
            } catch (InterruptedException e) {
                continue;
            }
            if (block == END) break;
            if (out == null) continue;
            try {
                out.write(block);
                // Flush whenever the writer has caught up: the file is readable while the connection runs.
                if (queue.isEmpty()) out.flush();
            } catch (IOException e) {
                errors.failed(file, e);
                closeQuietly(out);
                out = null;
            }
        }
        if (out == null) return;
        try {
            out.close();
            errors.succeeded(file);
        } catch (IOException e) {
            errors.failed(file, e);
        }
    }

    private BlockWriter open() {
        try {
            var stream = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND), 1 << 16);
            return new BlockWriter(settings.compression().wrap(stream), settings, zone);
        } catch (IOException e) {
            errors.failed(file, e);
            return null;
        }
    }

    private static void closeQuietly(BlockWriter out) {
        try {
            out.close();
        } catch (IOException ignored) {
            // already reported the failure that brought us here
        }
    }

    private static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }
}
