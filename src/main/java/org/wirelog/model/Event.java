package org.wirelog.model;

import java.time.Instant;

/**
 * Everything any mode reports. Sources emit events; every output format renders them.
 * Session events carry an immutable snapshot of their session.
 */
public sealed interface Event permits Event.SessionOpened, Event.DataTransferred, Event.SessionClosed,
        Event.SessionRefused, Event.Notice {

    Instant time();

    default Level level() {
        return Level.INFO;
    }

    /**
     * A session passed its rules and is now open ({@code [:}).
     *
     * @param tcpInfo its sockets' TCP_INFO where the rule logs {@code tcpinfo}, else null
     */
    record SessionOpened(Instant time, Session session, TcpInfo.Pair tcpInfo) implements Event {

        public SessionOpened(Instant time, Session session) {
            this(time, session, null);
        }
    }

    /**
     * One I/O operation ({@code -:}): {@code length} bytes read from one side and passed on; 0 is an EOF.
     *
     * @param length the byte count, or -1 where the line shows none (a blocked datagram)
     * @param data   the bytes themselves when the rule logs data, else null
     * @param error  what went wrong with this operation, or null
     */
    record DataTransferred(Instant time, Session session, Direction direction, long length, byte[] data, String error)
            implements Event {

        public static DataTransferred of(Session session, Direction direction, long length, byte[] data) {
            return new DataTransferred(Instant.now(), session, direction, length, data, null);
        }
    }

    /**
     * A session that was open has ended ({@code ]:}).
     *
     * @param traffic what it carried, or null where the line shows no counters (a bind's own end)
     * @param reason  why it ended, or null where the line shows none
     * @param tcpInfo its sockets' TCP_INFO as it ended, where the rule logs {@code tcpinfo}; else null
     */
    record SessionClosed(Instant time, Session session, Traffic traffic, EndReason reason, TcpInfo.Pair tcpInfo)
            implements Event {

        public SessionClosed(Instant time, Session session, Traffic traffic, EndReason reason) {
            this(time, session, traffic, reason, null);
        }
    }

    /**
     * A session refused or failed before it was open ({@code ]:} with a block verdict).
     *
     * @param reason the text after the endpoints, or null where the line shows none
     */
    record SessionRefused(Instant time, Session session, String reason) implements Event {
    }

    /** Anything that is not about one session: start and stop, warnings, errors, status, debug. */
    record Notice(Instant time, Level level, String text) implements Event {

        public static Notice of(Level level, String text) {
            return new Notice(Instant.now(), level, text);
        }
    }
}
