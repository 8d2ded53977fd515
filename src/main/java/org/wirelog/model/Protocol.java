package org.wirelog.model;

import java.util.Locale;

public enum Protocol {
    TCP, UDP, ICMP;

    /** Made once: logs write it on every line. */
    private final String word = name().toLowerCase(Locale.ROOT);

    public String word() {
        return word;
    }
}
