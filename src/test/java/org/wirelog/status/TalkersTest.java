package org.wirelog.status;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TalkersTest {

    @Test
    void theTopAreTheBusiestByBytesThenBySessions() {
        Talkers talkers = new Talkers();
        talkers.add("10.0.0.1", 100);
        talkers.add("10.0.0.2", 5000);
        talkers.add("10.0.0.1", 100);
        talkers.add("10.0.0.3", 200);
        talkers.add("10.0.0.4", 100);
        assertThat(talkers.top(3)).containsExactly(new Talkers.Talker("10.0.0.2", 1, 5000),
                new Talkers.Talker("10.0.0.1", 2, 200), new Talkers.Talker("10.0.0.3", 1, 200));
    }

    @Test
    void pastItsBoundTheQuieterHalfIsForgotten() {
        Talkers talkers = new Talkers();
        for (int i = 0; i <= 10_000; i++) talkers.add("host" + i, i);
        assertThat(talkers.top(20_000)).hasSizeBetween(5000, 5001).first().isEqualTo(new Talkers.Talker("host10000", 1, 10_000));
    }
}
