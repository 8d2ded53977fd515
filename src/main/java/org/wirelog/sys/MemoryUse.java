package org.wirelog.sys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** How much memory this process uses, in words for a log: the resident set (from /proc) and the Java heap. */
public final class MemoryUse {

    private static final Path STATUS = Path.of("/proc/self/status");

    private MemoryUse() {
    }

    /** {@code memory: resident 81234 kB, heap used 12345 kB of 65536 kB} */
    public static String describe() {
        Runtime runtime = Runtime.getRuntime();
        long heapUsed = (runtime.totalMemory() - runtime.freeMemory()) / 1024;
        return "memory: resident " + residentKb() + " kB, heap used " + heapUsed + " kB of " + runtime.totalMemory() / 1024 + " kB";
    }

    /** VmRSS, or -1 where /proc does not tell. */
    static long residentKb() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.substring(6).replace("kB", "").strip());
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or /proc not mounted: say so with -1
        }
        return -1;
    }
}
