package org.wirelog.relay;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.wirelog.model.LinkCounters;
import org.wirelog.model.Traffic;

/**
 * Bytes and datagrams of a UDP association, counted as Dante counts them: on the client link whole datagrams
 * (SOCKS UDP header included), on the target link payload only. Each counter has one writer thread, which
 * publishes it with an opaque write (a plain store on x86 and arm64, no fence per datagram); readers from other
 * threads (status dumps) see each value whole and soon, and the closing line reads them after the writers ended.
 */
final class UdpCounters {

    private static final VarHandle COUNT;

    static {
        try {
            COUNT = MethodHandles.arrayElementVarHandle(long[].class);
        } catch (IllegalArgumentException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final int CLIENT_READ = 0, CLIENT_READ_PACKETS = 1, CLIENT_WRITTEN = 2, CLIENT_WRITTEN_PACKETS = 3;
    private static final int TARGET_READ = 4, TARGET_READ_PACKETS = 5, TARGET_WRITTEN = 6, TARGET_WRITTEN_PACKETS = 7;

    /** The eight counters, indexed as above. */
    private final long[] counts = new long[8];

    void readFromClient(int bytes) {
        add(CLIENT_READ, bytes);
        add(CLIENT_READ_PACKETS, 1);
    }

    void wroteToClient(int bytes) {
        add(CLIENT_WRITTEN, bytes);
        add(CLIENT_WRITTEN_PACKETS, 1);
    }

    void readFromTarget(int bytes) {
        add(TARGET_READ, bytes);
        add(TARGET_READ_PACKETS, 1);
    }

    void wroteToTarget(int bytes) {
        add(TARGET_WRITTEN, bytes);
        add(TARGET_WRITTEN_PACKETS, 1);
    }

    long payloadToTargets() {
        return get(TARGET_WRITTEN);
    }

    long packetsToTargets() {
        return get(TARGET_WRITTEN_PACKETS);
    }

    long bytesToClient() {
        return get(CLIENT_WRITTEN);
    }

    long packetsToClient() {
        return get(CLIENT_WRITTEN_PACKETS);
    }

    /** @param withTargetLink whether an external socket was ever opened (else the line has no target part) */
    Traffic traffic(boolean withTargetLink) {
        LinkCounters clientLink = new LinkCounters(get(CLIENT_WRITTEN), get(CLIENT_READ),
                get(CLIENT_WRITTEN_PACKETS), get(CLIENT_READ_PACKETS));
        LinkCounters targetLink = withTargetLink
                ? new LinkCounters(get(TARGET_WRITTEN), get(TARGET_READ), get(TARGET_WRITTEN_PACKETS), get(TARGET_READ_PACKETS))
                : null;
        return new Traffic(clientLink, targetLink);
    }

    /** Only the counter's one writer adds: its own last value is the one to add to. */
    private void add(int counter, long amount) {
        COUNT.setOpaque(counts, counter, (long) COUNT.getOpaque(counts, counter) + amount);
    }

    private long get(int counter) {
        return (long) COUNT.getOpaque(counts, counter);
    }
}
