package org.wirelog.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A tiny tmpfs mounted on a directory of the test's (root only): a real disk that fills up with a real ENOSPC,
 * and frees up again when the filler file is deleted. Unmounted at close.
 */
public final class SmallDisk implements AutoCloseable {

    private final Path root;
    private final Path filler;

    private SmallDisk(Path root) {
        this.root = root;
        this.filler = root.resolve("filler");
    }

    /** Mounts a tmpfs of {@code size} (mount(8)'s syntax: 64k) on a new directory {@code dir/name}. */
    public static SmallDisk mount(Path dir, String name, String size) throws IOException, InterruptedException {
        Path root = Files.createDirectory(dir.resolve(name));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", root.toString())
                .redirectErrorStream(true).start();
        String said = new String(mount.getInputStream().readAllBytes());
        assertThat(mount.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Assumptions.assumeTrue(mount.exitValue() == 0, "needs root to mount a tmpfs (mount said: " + said.strip() + ")");
        return new SmallDisk(root);
    }

    public Path root() {
        return root;
    }

    public Path resolve(String name) {
        return root.resolve(name);
    }

    /** Takes every byte left, so that the next write anyone makes fails with ENOSPC. */
    public void fill() throws IOException {
        try (OutputStream out = Files.newOutputStream(filler)) {
            byte[] block = new byte[1024];
            for (int written = 0; written < 64 << 20; written += block.length) out.write(block);
            throw new IllegalStateException("the small disk took 64 MiB without filling up");
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left on device")) throw full;
        }
    }

    /** Gives the space back. */
    public void freeUp() throws IOException {
        Files.delete(filler);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        Process umount = new ProcessBuilder("umount", root.toString()).redirectErrorStream(true).start();
        umount.getInputStream().readAllBytes();
        umount.waitFor(30, TimeUnit.SECONDS);
    }
}
