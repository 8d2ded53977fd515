package org.wirelog.sys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A pid file as daemons write it: the pid and a newline; removed again when the process ends normally. */
public final class PidFile implements AutoCloseable {

    private final Path path;

    private PidFile(Path path) {
        this.path = path;
    }

    public static PidFile write(Path path) throws IOException {
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        Files.writeString(tmp, ProcessHandle.current().pid() + "\n");
        Files.move(tmp, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return new PidFile(path);
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // a stale pid file is harmless; its pid is no longer ours
        }
    }
}
