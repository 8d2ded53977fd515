package org.wirelog.model;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * One TCP socket's TCP_INFO as the kernel gave it ({@code struct tcp_info} of linux/tcp.h), the fields Dante's
 * {@code log: tcpinfo} block prints.
 */
public record TcpInfo(Map<Field, Long> values) {

    /** The fields, in the order of the struct (and of Dante's block), by their C names. */
    public enum Field {
        STATE, CA_STATE, RETRANSMITS, PROBES, BACKOFF, OPTIONS, SND_WSCALE, RCV_WSCALE, RTO, ATO, SND_MSS, RCV_MSS,
        UNACKED, SACKED, LOST, RETRANS, FACKETS, LAST_DATA_SENT, LAST_ACK_SENT, LAST_DATA_RECV, LAST_ACK_RECV, PMTU,
        RCV_SSTHRESH, RTT, RTTVAR, SND_SSTHRESH, SND_CWND, ADVMSS, REORDERING, RCV_RTT, RCV_SPACE, TOTAL_RETRANS;

        /** {@code tcpi_state} and the like. */
        public String cName() {
            return "tcpi_" + name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public TcpInfo {
        values = Collections.unmodifiableMap(new EnumMap<>(values));
    }

    public long get(Field field) {
        return values.getOrDefault(field, 0L);
    }

    /**
     * The TCP_INFO of the two sockets of a session when it was logged.
     *
     * @param client the client's socket
     * @param target the target's socket, or null where there is none yet (the {@code tcp/accept [:} line)
     */
    public record Pair(TcpInfo client, TcpInfo target) {
    }
}
