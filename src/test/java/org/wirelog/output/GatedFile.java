package org.wirelog.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.wirelog.model.Level;

/**
 * A real log file whose first write waits until the test opens the gate: a disk that stalls (an NFS server gone
 * away, a blocked pipe), so that the log writer stays stuck while emitters go on.
 */
final class GatedFile implements Destination {

    private final FileDestination file;
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch gate = new CountDownLatch(1);

    GatedFile(Path path) throws IOException {
        this.file = new FileDestination(path);
    }

    /** Waits until the writer is stuck in its first write. */
    void awaitStuck() throws InterruptedException {
        entered.await();
    }

    void open() {
        gate.countDown();
    }

    @Override
    public void write(Level level, String message, String line) throws IOException {
        entered.countDown();
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        file.write(level, message, line);
    }

    @Override
    public void flush() throws IOException {
        file.flush();
    }

    @Override
    public String name() {
        return file.name();
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
