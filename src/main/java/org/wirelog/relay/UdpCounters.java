package org.wirelog.relay;

import org.wirelog.model.LinkCounters;
import org.wirelog.model.Traffic;

/**
 * Bytes and datagrams of a UDP association, counted as Dante counts them: on the client link whole datagrams
 * (SOCKS UDP header included), on the target link payload only. Each counter has one writer thread.
 */
final class UdpCounters {

    private volatile long clientRead, clientReadPackets, clientWritten, clientWrittenPackets;
    private volatile long targetRead, targetReadPackets, targetWritten, targetWrittenPackets;

    void readFromClient(int bytes) {
        clientRead += bytes;
        clientReadPackets++;
    }

    void wroteToClient(int bytes) {
        clientWritten += bytes;
        clientWrittenPackets++;
    }

    void readFromTarget(int bytes) {
        targetRead += bytes;
        targetReadPackets++;
    }

    void wroteToTarget(int bytes) {
        targetWritten += bytes;
        targetWrittenPackets++;
    }

    long payloadToTargets() {
        return targetWritten;
    }

    long packetsToTargets() {
        return targetWrittenPackets;
    }

    long bytesToClient() {
        return clientWritten;
    }

    long packetsToClient() {
        return clientWrittenPackets;
    }

    /** @param withTargetLink whether an external socket was ever opened (else the line has no target part) */
    Traffic traffic(boolean withTargetLink) {
        LinkCounters clientLink = new LinkCounters(clientWritten, clientRead, clientWrittenPackets, clientReadPackets);
        LinkCounters targetLink = withTargetLink
                ? new LinkCounters(targetWritten, targetRead, targetWrittenPackets, targetReadPackets)
                : null;
        return new Traffic(clientLink, targetLink);
    }
}
