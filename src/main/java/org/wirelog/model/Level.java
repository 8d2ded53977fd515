package org.wirelog.model;

import java.util.Locale;

/** Severity of a log line, with syslog's numeric priorities. */
public enum Level {
    EMERG(0), ALERT(1), CRIT(2), ERROR(3), WARNING(4), NOTICE(5), INFO(6), DEBUG(7);

    private final int priority;
    /** Made once: logs write it on every line. */
    private final String word = name().toLowerCase(Locale.ROOT);

    Level(int priority) {
        this.priority = priority;
    }

    public int priority() {
        return priority;
    }

    public boolean atLeast(Level other) {
        return priority <= other.priority;
    }

    public String word() {
        return word;
    }
}
