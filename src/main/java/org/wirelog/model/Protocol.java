package org.wirelog.model;

import java.util.Locale;

public enum Protocol {
    TCP, UDP, ICMP;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
