package org.wirelog.rules;

import java.time.Duration;

/**
 * The limits Dante 1.4 lets a rule put on the sessions it passes.
 *
 * @param sessionMax      {@code session.max:} open sessions at most at a time; 0 means no limit
 * @param throttleCount   {@code session.throttle: N/S}: at most N new sessions ...
 * @param throttlePeriod  ... per S seconds; zero means no throttle
 * @param bytesPerSecond  {@code bandwidth:} the bytes per second all sessions of the rule share; 0 means no limit
 */
public record RuleLimits(int sessionMax, int throttleCount, Duration throttlePeriod, long bytesPerSecond) {

    public static final RuleLimits NONE = new RuleLimits(0, 0, Duration.ZERO, 0);

    public boolean any() {
        return !equals(NONE);
    }

    public RuleLimits withSessionMax(int max) {
        return new RuleLimits(max, throttleCount, throttlePeriod, bytesPerSecond);
    }

    public RuleLimits withThrottle(int count, Duration period) {
        return new RuleLimits(sessionMax, count, period, bytesPerSecond);
    }

    public RuleLimits withBandwidth(long perSecond) {
        return new RuleLimits(sessionMax, throttleCount, throttlePeriod, perSecond);
    }
}
