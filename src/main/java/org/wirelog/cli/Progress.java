package org.wirelog.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.wirelog.read.LogInputs;

/**
 * The progress line of a long import: bytes read of the logs' total size (as stored: compressed bytes for
 * a compressed log), and records so far, redrawn at most twice a second. Does nothing when not shown.
 */
final class Progress {

    private static final long REDRAW_NANOS = 500_000_000L;

    private final PrintWriter err;
    private final boolean shown;
    private final long total;
    private long read;
    private long records;
    private long drawn = System.nanoTime();

    private Progress(PrintWriter err, boolean shown, long total) {
        this.err = err;
        this.shown = shown;
        this.total = total;
    }

    /** @param total sums the sizes of the files; a stream ({@code -}) has none, and the line shows no percentage */
    static Progress of(List<LogInputs.Input> inputs, boolean shown, PrintWriter err) throws IOException {
        long total = 0;
        for (LogInputs.Input input : inputs) {
            if (input.name().equals("-")) return new Progress(err, shown, -1);
            total += Files.size(Path.of(input.name()));
        }
        return new Progress(err, shown, total);
    }

    /** The input, its bytes counted as they are read. */
    LogInputs.Input counted(LogInputs.Input input) {
        if (!shown) return input;
        return new LogInputs.Input(input.name(), () -> new FilterInputStream(input.opener().open()) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) read++;
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) read += n;
                return n;
            }
        });
    }

    /** A file not read (indexed already): its size counts as read. */
    void skip(LogInputs.Input input) throws IOException {
        if (shown && !input.name().equals("-")) read += Files.size(Path.of(input.name()));
    }

    void record() {
        records++;
        if (!shown || (records & 0x3FF) != 0) return;
        long now = System.nanoTime();
        if (now - drawn < REDRAW_NANOS) return;
        drawn = now;
        draw();
    }

    void done() {
        if (!shown) return;
        draw();
        err.println();
        err.flush();
    }

    private void draw() {
        err.print("\r" + line(read, total, records));
        err.flush();
    }

    /** {@code [#########-----------]  45%  1.2 GB of 2.7 GB, 4512000 records}, or without a total: bytes and records. */
    static String line(long read, long total, long records) {
        if (total <= 0) return String.format(Locale.ROOT, "%s read, %d records", size(read), records);
        int percent = (int) Math.min(100, read * 100 / total);
        int bar = percent / 5;
        return String.format(Locale.ROOT, "[%s%s] %3d%%  %s of %s, %d records", "#".repeat(bar), "-".repeat(20 - bar), percent,
                size(read), size(total), records);
    }

    private static String size(long bytes) {
        if (bytes < 1 << 20) return String.format(Locale.ROOT, "%.1f kB", bytes / 1e3);
        if (bytes < 1 << 30) return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
        return String.format(Locale.ROOT, "%.2f GB", bytes / 1e9);
    }
}
