package org.wirelog.sys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** A daemon's pid file: written at start, removed at the end, read by {@code --terminate}. */
public final class PidFile {

    private PidFile() {
    }

    public static void write(Path path, long pid) throws IOException {
        Files.writeString(path, pid + "\n");
    }

    /** The pid in the file, or empty when there is no file or no number in it. */
    public static OptionalLong read(Path path) {
        try {
            return OptionalLong.of(Long.parseLong(Files.readString(path).trim()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    public static void remove(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // nothing left to do about it at exit
        }
    }
}
