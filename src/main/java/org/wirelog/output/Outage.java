package org.wirelog.output;

import java.util.ArrayList;
import java.util.List;

/**
 * A destination's receiver while it is gone (a syslog daemon, a collector): tried again at most once a second, so
 * that a connect that fails or hangs does not cost every line; the lines missed meanwhile are counted, and one
 * notice says how many once it is back. The log writer says that it failed and that it works again.
 */
final class Outage {

    private static final long RETRY_NANOS = 1_000_000_000L;

    private final String receiver;
    private final List<String> notices = new ArrayList<>();
    private boolean gone;
    private long since;
    private long missed;

    /** @param receiver what is gone, for the notice: "syslog+tcp://10.0.0.9:514" */
    Outage(String receiver) {
        this.receiver = receiver;
    }

    /** Whether to try the receiver for this line; a line not tried counts as missed. */
    boolean mayTry() {
        if (gone && System.nanoTime() - since < RETRY_NANOS) {
            missed++;
            return false;
        }
        return true;
    }

    /** Sending this line failed: it is missed, and the receiver is gone from now. */
    void failed() {
        gone = true;
        since = System.nanoTime();
        missed++;
    }

    /** A line went through: if the receiver was gone, it is back. */
    void worked() {
        if (!gone) return;
        gone = false;
        notices.add(missed + " log lines could not be sent to " + receiver + " while it was unreachable");
        missed = 0;
    }

    List<String> takeNotices() {
        if (notices.isEmpty()) return List.of();
        List<String> taken = List.copyOf(notices);
        notices.clear();
        return taken;
    }
}
