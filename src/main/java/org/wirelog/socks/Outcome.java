package org.wirelog.socks;

import org.wirelog.model.EndReason;
import org.wirelog.model.TcpInfo;
import org.wirelog.model.Traffic;

/** How a request ended, which decides the closing {@code tcp/accept ]:} line of its connection. */
sealed interface Outcome {

    /** Not performed: the accept line turns to block and carries this text. */
    record Refused(String reason) implements Outcome {
    }

    /**
     * Performed (or failed after a pass), with what it carried and why it ended.
     *
     * @param tcpInfo the TCP_INFO of its sockets as the relay ended, where its rule logs {@code tcpinfo}; else null
     */
    record Ended(Traffic traffic, EndReason reason, TcpInfo.Pair tcpInfo) implements Outcome {

        Ended(Traffic traffic, EndReason reason) {
            this(traffic, reason, null);
        }
    }
}
