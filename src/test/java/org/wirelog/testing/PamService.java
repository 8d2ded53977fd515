package org.wirelog.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A PAM service file of the test's own under /etc/pam.d, removed again by {@link #close()}. */
public final class PamService implements AutoCloseable {

    private final Path file;

    private PamService(Path file) {
        this.file = file;
    }

    /** @param lines the service's stack, e.g. {@code auth required pam_unix.so} */
    public static PamService create(String name, String... lines) throws IOException {
        Path file = Path.of("/etc/pam.d", name);
        if (Files.exists(file)) throw new IOException(file + " exists already: not ours to replace");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return new PamService(file);
    }

    public String name() {
        return file.getFileName().toString();
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }
}
