package org.wirelog.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Numbered rotation of a log file: {@code log.1} becomes {@code log.2} and so on up to {@code keep},
 * the oldest is dropped, and {@code log} becomes {@code log.1}. The writer then reopens {@code log}.
 */
public final class Rotation {

    private Rotation() {
    }

    public static void rotate(Path file, int keep) throws IOException {
        if (keep < 1 || !Files.exists(file)) return;
        Files.deleteIfExists(numbered(file, keep));
        for (int n = keep - 1; n >= 1; n--) {
            Path from = numbered(file, n);
            if (Files.exists(from)) Files.move(from, numbered(file, n + 1), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(file, numbered(file, 1), StandardCopyOption.REPLACE_EXISTING);
    }

    private static Path numbered(Path file, int n) {
        return file.resolveSibling(file.getFileName() + "." + n);
    }
}
