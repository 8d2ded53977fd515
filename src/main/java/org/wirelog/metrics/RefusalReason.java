package org.wirelog.metrics;

/**
 * A refusal's text ({@code error after reading 3 bytes in 0 seconds: ...}, {@code blocked by higher-level
 * socks-rule #2}) as one of a few label values: the text itself holds counts, addresses and rule numbers,
 * and every distinct label value is a time series of its own.
 */
enum RefusalReason {
    BLOCKED("blocked"),
    NEGOTIATION_ERROR("negotiation_error"),
    NEGOTIATE_TIMEOUT("negotiate_timeout"),
    LIMIT("limit"),
    REQUEST_ERROR("request_error"),
    NOT_ALLOWED("client_not_allowed"),
    OTHER("other");

    private final String label;

    RefusalReason(String label) {
        this.label = label;
    }

    /** @param text the text after the endpoints, or null where a rule blocked without one */
    static String of(String text) {
        return classify(text).label;
    }

    private static RefusalReason classify(String text) {
        if (text == null) return BLOCKED;
        // before "blocked by": a limit's refusal reaches the accept as "blocked by higher-level <limit>"
        if (text.contains("limit")) return LIMIT;
        if (text.startsWith("blocked by")) return BLOCKED;
        if (text.startsWith("error after reading")) return NEGOTIATION_ERROR;
        if (text.startsWith("negotiate timeout")) return NEGOTIATE_TIMEOUT;
        if (text.startsWith("request was not performed due to error")) return REQUEST_ERROR;
        if (text.startsWith("client address not allowed")) return NOT_ALLOWED;
        return OTHER;
    }
}
