package org.wirelog.socks;

import org.wirelog.model.EndReason;
import org.wirelog.model.Traffic;

/** How a request ended, which decides the closing {@code tcp/accept ]:} line of its connection. */
sealed interface Outcome {

    /** Not performed: the accept line turns to block and carries this text. */
    record Refused(String reason) implements Outcome {
    }

    /** Performed (or failed after a pass), with what it carried and why it ended. */
    record Ended(Traffic traffic, EndReason reason) implements Outcome {
    }
}
