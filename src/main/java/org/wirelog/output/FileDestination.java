package org.wirelog.output;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.wirelog.model.Level;

/**
 * A log file, appended to; {@link #reopen()} follows a rename by logrotate. Lines are buffered until
 * {@link #flush()}; lines a flush could not write (a full disk) are dropped, not written again later out of
 * order, and the failure is the caller's to report.
 */
public final class FileDestination implements Destination {

    private static final int BUFFER = 1 << 16;

    private final Path path;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream(BUFFER);
    private FileChannel out;

    public FileDestination(Path path) throws IOException {
        this.path = path;
        this.out = open(path);
    }

    private static FileChannel open(Path path) throws IOException {
        return FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    @Override
    public void write(Level level, String message, String line) throws IOException {
        pending.writeBytes(line.getBytes(StandardCharsets.UTF_8));
        pending.write('\n');
        if (pending.size() >= BUFFER) flush();
    }

    @Override
    public void flush() throws IOException {
        if (pending.size() == 0) return;
        ByteBuffer bytes = ByteBuffer.wrap(pending.toByteArray());
        pending.reset();
        while (bytes.hasRemaining()) out.write(bytes);
    }

    @Override
    public void reopen() throws IOException {
        flush();
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
