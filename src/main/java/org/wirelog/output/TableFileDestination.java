package org.wirelog.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.wirelog.model.Level;

/**
 * A file holding a table: appended to like any log file, and given its header line whenever it is
 * started afresh (created, or opened again after a rotation), never twice.
 */
public final class TableFileDestination implements Destination {

    private final Path path;
    private final String header;
    private final FileDestination file;

    public TableFileDestination(Path path, String header) throws IOException {
        this.path = path;
        this.header = header;
        boolean fresh = isEmpty(path);
        this.file = new FileDestination(path);
        if (fresh) file.write(Level.INFO, header, header);
    }

    private static boolean isEmpty(Path path) throws IOException {
        return !Files.exists(path) || Files.size(path) == 0;
    }

    @Override
    public void write(Level level, String message, String line) throws IOException {
        file.write(level, message, line);
    }

    @Override
    public void flush() throws IOException {
        file.flush();
    }

    @Override
    public void reopen() throws IOException {
        file.flush();
        boolean fresh = isEmpty(path);
        file.reopen();
        if (fresh) file.write(Level.INFO, header, header);
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
