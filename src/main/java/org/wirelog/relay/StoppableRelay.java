package org.wirelog.relay;

/**
 * A running relay that the server can end on its way out (SIGTERM): it stops at once and ends with
 * {@code server exiting}, so that its session's closing line, counters and all, is still written.
 */
public interface StoppableRelay extends RelayCounters {

    /** Ends the relay now; its {@code run()} returns with {@link org.wirelog.model.EndReason.Kind#SHUTDOWN}. */
    void shutDown();
}
