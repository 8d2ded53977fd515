package org.wirelog.socks.limit;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.wirelog.relay.RelayListener;
import org.wirelog.rules.Rule;
import org.wirelog.rules.RuleLimits;

/** The live state of one rule's limits: its open sessions, its throttle window, its bandwidth budget. */
public final class RuleLimiter {

    /** Either a permit, or the text of the log line that says why there is none. */
    public sealed interface Admission {
        record Admitted(Permit permit) implements Admission {
        }

        record Refused(String reason) implements Admission {
        }
    }

    private final Rule rule;
    private final AtomicInteger open = new AtomicInteger();
    private final Throttle throttle;
    private final Bandwidth bandwidth;

    RuleLimiter(Rule rule) {
        this.rule = rule;
        RuleLimits limits = rule.limits();
        this.throttle = limits.throttleCount() > 0 ? new Throttle(limits.throttleCount(), limits.throttlePeriod(), System::nanoTime) : null;
        this.bandwidth = limits.bytesPerSecond() > 0 ? new Bandwidth(limits.bytesPerSecond()) : null;
    }

    /** Admits one more session under session.max and session.throttle. */
    public Admission admit() {
        RuleLimits limits = rule.limits();
        int max = limits.sessionMax();
        if (max > 0 && open.incrementAndGet() > max) {
            open.decrementAndGet();
            return new Admission.Refused(rule.kindName() + " #" + rule.number() + ": session.max limit of " + max
                    + " reached");
        }
        if (throttle != null && !throttle.tryStart()) {
            if (max > 0) open.decrementAndGet();
            return new Admission.Refused(rule.kindName() + " #" + rule.number() + ": session.throttle limit of "
                    + limits.throttleCount() + " per " + limits.throttlePeriod().toSeconds() + "s reached");
        }
        if (max == 0) return new Admission.Admitted(Permit.NONE);
        AtomicBoolean released = new AtomicBoolean();
        return new Admission.Admitted(() -> {
            if (released.compareAndSet(false, true)) open.decrementAndGet();
        });
    }

    /** The relay listener to use: {@code listener} itself, or paced to the rule's bandwidth. */
    public RelayListener paced(RelayListener listener) {
        return bandwidth == null ? listener : bandwidth.pacing(listener);
    }
}
