package org.wirelog.output;

import org.wirelog.model.Level;
import org.wirelog.sys.Syslog;

/**
 * The system log through libc's syslog(3): the message without the format's line prefix, tagged
 * with {@code ident}. With {@code fixedPriority} >= 0 every message gets that priority (natlog's
 * {@code --syslog-priority}); otherwise each event's level decides.
 */
public final class SyslogDestination implements Destination {

    private final String name;
    private final int fixedPriority;
    private final int facility;
    private final long generation;

    public SyslogDestination(String ident, Syslog.Facility facility, int fixedPriority) {
        this(ident, 0, facility, fixedPriority);
    }

    /** @param options openlog(3)'s options, such as {@link Syslog#LOG_PID} */
    public SyslogDestination(String ident, int options, Syslog.Facility facility, int fixedPriority) {
        this.name = "syslog/" + facility.name().toLowerCase(java.util.Locale.ROOT);
        this.fixedPriority = fixedPriority;
        this.facility = facility.code();
        this.generation = Syslog.open(ident, options, facility);
    }

    @Override
    public void write(Level level, String message, String line) {
        // The facility goes with each message: openlog(3)'s is one per process, and logoutput and errorlog may differ.
        Syslog.log(facility | (fixedPriority >= 0 ? fixedPriority : level.priority()), message);
    }

    @Override
    public void flush() {
        // syslog(3) sends each message at once
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
        Syslog.close(generation);
    }
}
