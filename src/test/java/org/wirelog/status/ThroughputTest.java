package org.wirelog.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ThroughputTest {

    @Test
    void eachSecondHoldsWhatTheTotalGrewByOldestFirst() {
        AtomicLong total = new AtomicLong(1000);
        Throughput throughput = new Throughput(4, total::get);
        for (long grow : new long[] {10, 0, 300, 5, 7}) {
            total.addAndGet(grow);
            throughput.sample();
        }
        assertThat(throughput.lastSeconds()).containsExactly(0L, 300L, 5L, 7L);
    }

    @Test
    void aTotalThatDipsAndComesBackIsNotCountedTwice() {
        // a closing session seen both live and closed (1500), then only closed (1200), then growing again
        AtomicLong total = new AtomicLong(1000);
        Throughput throughput = new Throughput(3, total::get);
        total.set(1500);
        throughput.sample();
        total.set(1200);
        throughput.sample();
        total.set(1600);
        throughput.sample();
        assertThat(throughput.lastSeconds()).containsExactly(500L, 0L, 100L);
    }
}
