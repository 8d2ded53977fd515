package org.wirelog.socks.status;

import java.util.Arrays;

/**
 * Latency of the last {@code window} packets, in microseconds, as Dante's status dump shows it:
 * {@code min/max/median/average/last/stddev}. Fed by the UDP relay; thread-safe.
 */
public final class LatencyStats {

    /** The numbers of one dump, as Dante computes them: 84 and 551 give median and average 317 (cut), stddev 234 (rounded). */
    public record Summary(int packets, long min, long max, long median, long average, long last, long stddev) {
    }

    private final long[] samples;
    private int count;
    private int next;

    public LatencyStats(int window) {
        this.samples = new long[window];
    }

    public synchronized void add(long micros) {
        samples[next] = micros;
        next = (next + 1) % samples.length;
        if (count < samples.length) count++;
    }

    /** @return null while there is no sample yet */
    public synchronized Summary summary() {
        if (count == 0) return null;
        long last = samples[(next - 1 + samples.length) % samples.length];
        long[] sorted = Arrays.copyOf(count == samples.length ? samples : Arrays.copyOf(samples, count), count);
        Arrays.sort(sorted);
        long sum = 0;
        for (long s : sorted) sum += s;
        double mean = (double) sum / count;
        double squares = 0;
        for (long s : sorted) squares += (s - mean) * (s - mean);
        long median = count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2;
        return new Summary(count, sorted[0], sorted[count - 1], median, (long) mean, last,
                Math.round(Math.sqrt(squares / count)));
    }
}
