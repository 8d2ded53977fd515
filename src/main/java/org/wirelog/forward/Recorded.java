package org.wirelog.forward;

import org.wirelog.model.Direction;

/** Which directions of a connection its data file holds: ipprotd's default, -l or -L. */
public enum Recorded {
    /** Neither -l nor -L: only the traffic to the connection establisher. */
    TO_ESTABLISHER,
    /** -l: both directions. */
    BOTH,
    /** -L: only what the connection establisher sends. */
    FROM_ESTABLISHER;

    public boolean includes(Direction direction) {
        return switch (this) {
            case TO_ESTABLISHER -> direction == Direction.FROM_TARGET;
            case BOTH -> true;
            case FROM_ESTABLISHER -> direction == Direction.FROM_CLIENT;
        };
    }
}
