package org.wirelog.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.wirelog.model.Level;

/** A log file, appended to; {@link #reopen()} follows a rename by logrotate. */
public final class FileDestination implements Destination {

    private final Path path;
    private Writer out;

    public FileDestination(Path path) throws IOException {
        this.path = path;
        this.out = open(path);
    }

    private static Writer open(Path path) throws IOException {
        return new BufferedWriter(java.nio.channels.Channels.newWriter(
                Files.newByteChannel(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND),
                StandardCharsets.UTF_8), 1 << 16);
    }

    @Override
    public void write(Level level, String message, String line) throws IOException {
        out.write(line);
        out.write('\n');
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void reopen() throws IOException {
        Writer old = out;
        out = open(path);
        old.close();
    }

    @Override
    public String name() {
        return path.toString();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
