package org.wirelog.output;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.wirelog.model.Level;

/** stdout or stderr, written directly to the file descriptor (no System.out locking on the way). */
public final class StreamDestination implements Destination {

    private final String name;
    private final Writer out;

    private StreamDestination(String name, FileDescriptor fd) {
        this.name = name;
        this.out = new BufferedWriter(new OutputStreamWriter(new FileOutputStream(fd), StandardCharsets.UTF_8), 1 << 16);
    }

    public static StreamDestination stdout() {
        return new StreamDestination("stdout", FileDescriptor.out);
    }

    public static StreamDestination stderr() {
        return new StreamDestination("stderr", FileDescriptor.err);
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
    public String name() {
        return name;
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
