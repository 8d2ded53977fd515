package org.wirelog.socks.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LatencyStatsTest {

    @Test
    void dantesOwnFigures() {
        // REPORT section 5: two packets of 551 and 84 us give 84/551/317/317/84/234.
        LatencyStats stats = new LatencyStats(100);
        stats.add(551);
        stats.add(84);

        assertThat(stats.summary()).isEqualTo(new LatencyStats.Summary(2, 84, 551, 317, 317, 84, 234));
    }

    @Test
    void nothingYet() {
        assertThat(new LatencyStats(10).summary()).isNull();
    }

    /** Against a plain recomputation over the last {@code window} samples, for seeded random streams. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 4711})
    void keepsTheLastWindowOnly(long seed) {
        Random random = new Random(seed);
        int window = 1 + random.nextInt(20);
        int count = random.nextInt(60) + 1;
        long[] all = new long[count];
        LatencyStats stats = new LatencyStats(window);
        for (int i = 0; i < count; i++) {
            all[i] = random.nextInt(10_000);
            stats.add(all[i]);
        }
        long[] last = Arrays.copyOfRange(all, Math.max(0, count - window), count);
        long[] sorted = last.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double mean = Arrays.stream(sorted).average().orElseThrow();
        double variance = Arrays.stream(sorted).mapToDouble(s -> (s - mean) * (s - mean)).sum() / n;
        long median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;

        assertThat(stats.summary()).isEqualTo(new LatencyStats.Summary(n, sorted[0], sorted[n - 1], median, (long) mean,
                all[count - 1], Math.round(Math.sqrt(variance))));
    }
}
