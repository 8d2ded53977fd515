package org.wirelog.model;

/**
 * What went over one link (the client side or the target side of a session), counted by us:
 * bytes we wrote to the peer and bytes we read from it, and for UDP the datagrams.
 */
public record LinkCounters(long written, long read, long packetsWritten, long packetsRead) {

    public static final LinkCounters ZERO = new LinkCounters(0, 0, 0, 0);

    public static LinkCounters bytes(long written, long read) {
        return new LinkCounters(written, read, 0, 0);
    }
}
