package org.wirelog.relay;

/** What a running relay has carried so far, read from any thread: for status dumps of open sessions. */
public interface RelayCounters {

    /** Bytes passed from the client on to the target. */
    long bytesFromClient();

    /** Bytes passed from the target back to the client (for UDP: as sent to the client, headers included). */
    long bytesFromTarget();

    /** Datagrams from the client, or -1 for a stream. */
    default long packetsFromClient() {
        return -1;
    }

    /** Datagrams to the client, or -1 for a stream. */
    default long packetsFromTarget() {
        return -1;
    }

    /** Nanoseconds since anything moved either way. */
    long idleNanos();
}
