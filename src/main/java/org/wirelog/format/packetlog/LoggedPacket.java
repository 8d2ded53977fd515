package org.wirelog.format.packetlog;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

/**
 * One packet as a kernel log line decodes it, field by field.
 *
 * @param protocol        TCP, UDP, UDPLITE, ICMP, ICMPv6, AH, ESP, or the protocol number as text
 * @param sourcePort      null where the line shows none: a later fragment, icmp, another protocol
 * @param tcpFlags        the bare flags in the order written (CWR ECE URG ACK PSH RST SYN FIN), empty for non-tcp
 * @param incomplete      the byte count of {@code INCOMPLETE [n bytes]}, or null
 * @param other           every other {@code KEY=value} (UID, GID, MARK, SPI, OPT, ...)
 */
public record LoggedPacket(IpFields ip, String protocol, Integer sourcePort, Integer destinationPort, Tcp tcp,
                           Integer udpLength, Icmp icmp, Integer incomplete, List<String> tcpFlags,
                           Map<String, String> other) {

    /** What the TCP header shows besides the ports; SEQ and ACK only with {@code --log-tcp-sequence}. */
    public record Tcp(Integer window, Integer reserved, Integer urgentPointer, Long sequence, Long acknowledgement) {
    }

    /**
     * The ICMP header: type and code, and what the type adds.
     *
     * @param quoted the packet an error message (unreachable, time exceeded, ...) quotes, written in
     *               square brackets: {@code [SRC=... DST=... ...]}; null for others
     */
    public record Icmp(int type, int code, Integer id, Integer sequence, Integer mtu, InetAddress gateway,
                       Integer parameter, LoggedPacket quoted) {
    }
}
