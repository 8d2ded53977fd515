package org.wirelog.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.wirelog.model.Level;

/**
 * A log file, appended to; {@link #reopen()} follows a rename by logrotate. Lines are buffered until
 * {@link #flush()}.
 *
 * <p>A flush that fails (a full disk) keeps what it could not write, to the byte, and the next flush writes it:
 * the lines come out late but whole and in order. While failing, at most {@code holdLimit} bytes are kept; lines
 * beyond it are dropped and counted, and once writing works again a notice says how many. A file deleted under a
 * running server is created again once its name has been missing for a second, with a notice; a file renamed away
 * (logrotate) is written on until {@link #reopen()}, as Dante does until its SIGHUP.
 */
public final class FileDestination implements Destination {

    private static final int BUFFER = 1 << 16;
    /** Lines kept while the file cannot be written: a few thousand lines, seconds to minutes of a busy server. */
    public static final int DEFAULT_HOLD_LIMIT = 4 << 20;
    private static final long PRESENCE_CHECK_NANOS = 1_000_000_000L;

    private final Path path;
    private final int holdLimit;
    /**
     * Lines not yet written, in a direct buffer that the kernel copies from as it is (the JDK copies a heap buffer
     * into a direct one first). It grows up to the hold limit while the file fails, and shrinks once it works again.
     */
    private ByteBuffer pending = ByteBuffer.allocateDirect(BUFFER);
    private final List<String> notices = new ArrayList<>();
    private FileChannel out;
    /** The last flush failed: write() stops trying on every line, the log writer's retries try. */
    private boolean stalled;
    private long droppedLines;
    private long lastPresenceCheck = System.nanoTime();
    /** The name was gone at the last presence check. */
    private boolean missing;

    public FileDestination(Path path) throws IOException {
        this(path, DEFAULT_HOLD_LIMIT);
    }

    /** @param holdLimit the most bytes kept while the file cannot be written; at least the 64 KiB write buffer */
    public FileDestination(Path path, int holdLimit) throws IOException {
        if (holdLimit < BUFFER) throw new IllegalArgumentException("hold limit " + holdLimit + " is below " + BUFFER);
        this.path = path;
        this.holdLimit = holdLimit;
        this.out = open(path);
    }

    private static FileChannel open(Path path) throws IOException {
        return FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    @Override
    public void write(Level level, String message, String line) throws IOException {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        if (stalled || pending.remaining() > bytes.length) {
            hold(bytes);
            return;
        }
        try {
            flush(); // a full buffer goes out before the line that does not fit
        } finally {
            hold(bytes);
        }
    }

    private void hold(byte[] line) {
        if (stalled && pending.position() + line.length + 1 > holdLimit) {
            droppedLines++;
            return;
        }
        if (pending.remaining() <= line.length) {
            pending = ByteBuffer.allocateDirect(Math.max(2 * pending.capacity(), pending.position() + line.length + 1))
                    .put(pending.flip());
        }
        pending.put(line).put((byte) '\n');
    }

    @Override
    public void flush() throws IOException {
        recreateIfDeleted();
        if (pending.position() == 0) return;
        pending.flip();
        try {
            while (pending.hasRemaining()) out.write(pending);
        } catch (IOException e) {
            // Keep the unwritten rest, a partly written line's tail first, so that the file never gets a torn line.
            pending.compact();
            stalled = true;
            throw e;
        }
        pending = pending.capacity() > BUFFER ? ByteBuffer.allocateDirect(BUFFER) : pending.clear();
        stalled = false;
        if (droppedLines > 0) {
            notices.add(droppedLines + " log lines dropped: " + path + " could not be written and "
                    + holdLimit + " bytes were already waiting for it");
            droppedLines = 0;
        }
    }

    /**
     * logrotate renames; a user or a cleanup job deletes: then the lines would go to a file nobody can open. The name
     * must be missing at two checks a second apart: a rotation (natlog's --rotate, logrotate without {@code create})
     * renames and then reopens within milliseconds, and its lines belong in the renamed file.
     */
    private void recreateIfDeleted() throws IOException {
        long now = System.nanoTime();
        if (now - lastPresenceCheck < PRESENCE_CHECK_NANOS) return;
        lastPresenceCheck = now;
        if (Files.exists(path)) {
            missing = false;
            return;
        }
        if (!missing) {
            missing = true;
            return;
        }
        reopenChannel();
        notices.add("log file " + path + " was deleted while in use; created it again");
    }

    @Override
    public boolean holdsLines() {
        return stalled && pending.position() > 0;
    }

    @Override
    public List<String> takeNotices() {
        if (notices.isEmpty()) return List.of();
        List<String> taken = List.copyOf(notices);
        notices.clear();
        return taken;
    }

    @Override
    public void reopen() throws IOException {
        // Lines still waiting belong to the file they were written for, the one logrotate renamed.
        try {
            flush();
        } finally {
            reopenChannel();
        }
    }

    private void reopenChannel() throws IOException {
        missing = false;
        FileChannel old = out;
        out = open(path);
        old.close();
    }

    @Override
    public String name() {
        return path.toString();
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            out.close();
        }
    }
}
