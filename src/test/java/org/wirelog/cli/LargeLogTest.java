package org.wirelog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wirelog.testing.WirelogProcess;

/**
 * {@code wirelog convert} reads a log far bigger than its heap: a quarter of a gigabyte of Dante sessions,
 * made up as it is streamed to the process's stdin (never stored), converted by a JVM of 64 MB heap. Every
 * session comes out, the progress line counts them, and the few unreadable lines among them are counted and
 * named by line. The heap in use after each collection is read from the JVM's own GC log: it must not grow
 * with the input.
 */
class LargeLogTest {

    private static final long BYTES = 256L << 20;
    private static final int HEAP_MB = 64;
    /** One unreadable line after this many sessions. */
    private static final int GARBAGE_EVERY = 200_000;

    @TempDir
    Path dir;

    @Test
    void aLogFarBiggerThanTheHeapIsConvertedInBoundedMemory() throws Exception {
        Path gcLog = dir.resolve("gc.log"), stderr = dir.resolve("stderr.txt");
        ProcessBuilder builder = WirelogProcess.builder("convert", "--to", "csv", "--progress", "-");
        builder.command().addAll(1, List.of("-Xmx" + HEAP_MB + "m", "-Xlog:gc:file=" + gcLog));
        Process process = builder.redirectError(stderr.toFile()).start();
        CompletableFuture<Long> csvLines = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                return out.lines().count();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });

        long sessions = 0, written = 0, garbageLines = 0;
        try (BufferedWriter in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), 1 << 16)) {
            StringBuilder session = new StringBuilder(512);
            while (written < BYTES) {
                session.setLength(0);
                appendSession(session, sessions++);
                if (sessions % GARBAGE_EVERY == 0) {
                    session.append("this is no log line\n");
                    garbageLines++;
                }
                in.append(session);
                written += session.length();
            }
        }
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("convert ends").isTrue();

        String errors = Files.readString(stderr);
        assertThat(process.exitValue()).as(errors).isEqualTo(1); // the unreadable lines
        assertThat(csvLines.get(1, TimeUnit.MINUTES)).isEqualTo(1 + sessions); // the header, then one row a session
        assertThat(errors).contains(sessions + " records");
        for (long g = 1; g <= garbageLines; g++) {
            assertThat(errors).contains("wirelog: -:" + (g * GARBAGE_EVERY * 2 + g) + ": not a line of any log wirelog reads: this is no log line");
        }
        long peak = peakHeapAfterCollection(Files.readString(gcLog));
        System.out.printf("%d MB streamed, %d sessions, heap after collection at most %d MB of %d MB%n", written >> 20, sessions, peak, HEAP_MB);
        assertThat(peak).as("MB in use after a collection").isLessThan(HEAP_MB / 2);
    }

    /** Two lines: the session opened and closed, each client port its own so that none is confused with another. */
    private static void appendSession(StringBuilder out, long n) {
        long seconds = 1_795_435_410L + n / 1000;
        String client = "10.1." + (n / 60_000 % 250) + "." + (n / 250 % 250 + 1) + "." + (1024 + n % 60_000);
        out.append("Nov 23 12:03:30 (").append(seconds).append(".250000) danted[42]: info: pass(1): tcp/connect [: username%alice@")
                .append(client).append(" 10.1.0.2.1080 -> 192.168.77.2.41001 203.0.113.80.443\n");
        out.append("Nov 23 12:03:34 (").append(seconds + 4).append(".250000) danted[42]: info: pass(1): tcp/connect ]: 2000 -> username%alice@")
                .append(client).append(" 10.1.0.2.1080 -> 100, 100 -> 192.168.77.2.41001 203.0.113.80.443 -> 2000: local client closed.  Session duration: 4s\n");
    }

    /** The largest heap in use right after a collection, in MB ({@code Pause Young (Normal) (G1 Evacuation Pause) 30M->5M(64M)}). */
    private static long peakHeapAfterCollection(String gcLog) {
        Matcher m = Pattern.compile("\\d+M->(\\d+)M\\(\\d+M\\)").matcher(gcLog);
        long peak = -1;
        while (m.find()) peak = Math.max(peak, Long.parseLong(m.group(1)));
        assertThat(peak).as("collections in the GC log").isNotNegative();
        return peak;
    }
}
