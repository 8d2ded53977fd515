package org.wirelog.nat;

import org.wirelog.model.EndReason;
import org.wirelog.model.Session;
import org.wirelog.packet.TcpHeader;

/**
 * One translated flow as the captures show it, from its opening packet inside to its end. Times are
 * the inside capture's, in microseconds, as natlog takes them: {@code begin} is the opening packet,
 * {@code end} the last packet in either direction before the first FIN (the FIN itself and what
 * follows it do not move it). The counters take every packet, the close included, the way conntrack
 * counts: whole IP packets.
 */
final class Flow {

    final FlowKey key;
    final long begin;
    long end;
    long lastSeen;
    long sentBytes, sentPackets, receivedBytes, receivedPackets;

    /** The translated source port (the icmp identifier outside); -1 while unknown. */
    int viaPort = -1;
    FlowKey outsideKey;
    Fingerprint pendingFingerprint;

    /** tcp: the first FIN seen (stops {@code end}); which side sent it; each side's FIN, acknowledged or not. */
    boolean finSeen;
    boolean firstFinFromInside;
    long insideFinAck = -1, outsideFinAck = -1;
    boolean insideFinAcked, outsideFinAcked;
    /** The session reported open once the via was seen; null before. */
    Session session;
    /** Why it ended once it has; null while open. */
    EndReason reason;
    boolean logged;
    long completedAt;

    Flow(FlowKey key, long begin) {
        this.key = key;
        this.begin = begin;
        this.end = begin;
        this.lastSeen = begin;
    }

    boolean viaKnown() {
        return viaPort >= 0;
    }

    void count(NatPacket p, boolean fromInside) {
        if (fromInside) {
            sentBytes += p.ipLength();
            sentPackets++;
        } else {
            receivedBytes += p.ipLength();
            receivedPackets++;
        }
        lastSeen = Math.max(lastSeen, p.micros());
    }

    void countFragment(LaterFragment f, boolean fromInside) {
        if (fromInside) sentBytes += f.payloadLength(); else receivedBytes += f.payloadLength();
        lastSeen = Math.max(lastSeen, f.micros());
    }

    /** Moves {@code end} for a udp or icmp packet: every one counts. */
    void touch(NatPacket p) {
        end = Math.max(end, p.micros());
    }

    /**
     * Follows a tcp packet through the close.
     *
     * @return the reason the connection ended with this packet (a reset, or the last FIN acknowledged), or null
     */
    EndReason tcp(NatPacket p, boolean fromInside) {
        if (!finSeen) {
            if (p.has(TcpHeader.FIN)) {
                finSeen = true;
                firstFinFromInside = fromInside;
            } else {
                end = Math.max(end, p.micros());
            }
        }
        if (p.has(TcpHeader.RST)) {
            return EndReason.error(fromInside ? EndReason.Kind.CLIENT_ERROR : EndReason.Kind.TARGET_ERROR, "connection reset");
        }
        if (p.has(TcpHeader.ACK)) {
            long ack = p.acknowledgement();
            if (fromInside && ack == outsideFinAck) outsideFinAcked = true;
            if (!fromInside && ack == insideFinAck) insideFinAcked = true;
        }
        if (p.has(TcpHeader.FIN)) {
            long finAck = (p.sequence() + p.segmentLength() + 1) & 0xffffffffL;
            if (fromInside) insideFinAck = finAck; else outsideFinAck = finAck;
        }
        return insideFinAcked && outsideFinAcked ? closedReason() : null;
    }

    /** Both sides sent their FIN: closed, even if the last acknowledgement never shows. */
    boolean bothFinsSent() {
        return insideFinAck >= 0 && outsideFinAck >= 0;
    }

    EndReason closedReason() {
        return EndReason.of(firstFinFromInside ? EndReason.Kind.CLIENT_CLOSED : EndReason.Kind.TARGET_CLOSED);
    }
}
