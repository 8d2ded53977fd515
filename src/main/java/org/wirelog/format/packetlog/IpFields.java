package org.wirelog.format.packetlog;

import java.net.InetAddress;

/**
 * The IP header as a kernel packet log shows it. IPv4 lines show TOS and PREC (the two parts of the old
 * type-of-service byte), TTL and ID; IPv6 lines show TC, HOPLIMIT (kept as {@code ttl}) and FLOWLBL.
 * Values a line does not show are null.
 *
 * @param fragmentOffset in bytes: iptables' {@code FRAG:} and ipchains' {@code F=} count 8-byte units, ip6tables'
 *                       {@code FRAG:} bytes; all are brought to bytes here
 * @param id             the IPv4 identification, or the IPv6 fragment header's identification
 */
public record IpFields(InetAddress source, InetAddress destination, Integer length, Integer tos, Integer precedence,
                       Integer trafficClass, Integer flowLabel, Integer ttl, Long id, boolean congestion,
                       boolean dontFragment, boolean moreFragments, int fragmentOffset) {

    /** A fragment other than the first: it carries no ports. */
    public boolean isLaterFragment() {
        return fragmentOffset != 0;
    }
}
