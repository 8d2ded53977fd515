package org.wirelog.forward;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import org.wirelog.format.ipprot.Rfc3339;
import org.wirelog.model.Direction;

/**
 * Writes a connection's blocks to its data file as ipprotd lays them out: with -M each block is preceded by
 * a line {@code #848367#<usec>} (from the establisher) or {@code #948366#<usec>} (to it), also for a
 * direction whose data is not recorded, as the page's example shows; with -t a line
 * {@code #748369#<iso time>} comes before data from the establisher when the interval has passed since the
 * last one (and before the first). The data follows unchanged, or filtered by -s.
 */
final class BlockWriter {

    static final String FROM_ESTABLISHER = "#848367#";
    static final String TO_ESTABLISHER = "#948366#";
    static final String TIMESTAMP = "#748369#";

    private final OutputStream out;
    private final RecordingSettings settings;
    private final ZoneId zone;
    private final PrintableFilter clientFilter = new PrintableFilter();
    private final PrintableFilter targetFilter = new PrintableFilter();
    private final long stampIntervalMicros;
    /** When the last -t timestamp was written, in microseconds; negative before the first. */
    private long lastStamp = -1;

    BlockWriter(OutputStream out, RecordingSettings settings, ZoneId zone) {
        this.out = out;
        this.settings = settings;
        this.zone = zone;
        this.stampIntervalMicros = settings.stampInterval() == null ? -1 : settings.stampInterval().toNanos() / 1000;
    }

    /** Whether a block in this direction, with or without its data, puts anything into the file. */
    static boolean writesSomething(RecordingSettings settings, Direction direction) {
        return settings.recorded().includes(direction) || settings.markers()
                || (settings.stampInterval() != null && direction == Direction.FROM_CLIENT);
    }

    static boolean needsTime(RecordingSettings settings) {
        return settings.markers() || settings.stampInterval() != null;
    }

    void write(Block block) throws IOException {
        boolean fromClient = block.direction() == Direction.FROM_CLIENT;
        if (settings.markers()) line((fromClient ? FROM_ESTABLISHER : TO_ESTABLISHER) + block.micros());
        if (fromClient && stampIntervalMicros >= 0 && (lastStamp < 0 || block.micros() - lastStamp >= stampIntervalMicros)) {
            lastStamp = block.micros();
            line(TIMESTAMP + Rfc3339.format(Instant.EPOCH.plusNanos(block.micros() * 1000), zone));
        }
        if (block.data() == null) return;
        out.write(settings.printableOnly() ? (fromClient ? clientFilter : targetFilter).filter(block.data()) : block.data());
    }

    private void line(String text) throws IOException {
        out.write((text + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    void flush() throws IOException {
        out.flush();
    }

    void close() throws IOException {
        out.close();
    }
}
