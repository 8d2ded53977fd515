package org.wirelog.sys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalLong;

/**
 * A daemon's pid file: the pid and a newline, written whole (never seen half-written), removed at a normal
 * end, read by {@code --terminate}-style commands.
 */
public final class PidFile implements AutoCloseable {

    private final Path path;

    private PidFile(Path path) {
        this.path = path;
    }

    /** Writes this process's pid. */
    public static PidFile write(Path path) throws IOException {
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        Files.writeString(tmp, ProcessHandle.current().pid() + "\n");
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new PidFile(path);
    }

    /** The pid in the file, or empty when there is no file or no number in it. */
    public static OptionalLong read(Path path) {
        try {
            return OptionalLong.of(Long.parseLong(Files.readString(path).trim()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Removes the file. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // a stale pid file is harmless; its pid is no longer ours
        }
    }
}
