package org.wirelog.format.packetlog;

import java.util.Map;

/**
 * One kernel packet log line: what the firewall did and the packet it did it to.
 *
 * @param source    which kernel logger wrote it
 * @param prefix    netfilter's {@code --log-prefix} / nft {@code log prefix} (glued to {@code IN=}), or null
 * @param chain     ipchains' chain (input, output, forward, a user chain), or null
 * @param action    ipchains' target (ACCEPT, DENY, REJECT, MASQ, REDIRECT, ...), or null
 * @param rule      ipchains' rule number within the chain ({@code (#16)}), or null
 * @param in        the input interface, or null/empty when none
 * @param out       the output interface, or null/empty when none
 * @param link      what the line says of the link layer: MAC, MACSRC, MACDST, MACPROTO, PHYSIN, PHYSOUT, VPROTO, VID
 */
public record PacketLogEntry(Source source, String prefix, String chain, String action, Integer rule, String in,
                             String out, Map<String, String> link, LoggedPacket packet) {

    public enum Source {
        /** Linux 2.2's ipchains: {@code Packet log: ...}. */
        IPCHAINS,
        /** iptables/ip6tables LOG and nftables {@code log}: the same netfilter logger, the same line. */
        NETFILTER
    }
}
