package org.wirelog.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The refusal texts wirelog writes, each as one of a few label values. */
class RefusalReasonTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "NULL | blocked",
            "blocked by higher-level socks-rule #2 | blocked",
            "blocked by higher-level socks-rule #0: no rules matched; using default block rule | blocked",
            "error after reading 3 bytes in 0 seconds: client closed | negotiation_error",
            "negotiate timeout after 30 seconds | negotiate_timeout",
            "server session.max limit of 5 reached | limit",
            "blocked by higher-level session.max limit of 5 reached | limit",
            "request was not performed due to error: connect(): Connection refused | request_error",
            "client address not allowed (-r) | client_not_allowed",
            "something new | other"})
    void classifies(String text, String label) {
        assertThat(RefusalReason.of(text)).isEqualTo(label);
    }
}
