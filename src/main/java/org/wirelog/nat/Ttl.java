package org.wirelog.nat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * natlog's {@code --ttl}: how long a flow may stay idle before it is logged, {@code <secs>u} for udp and
 * icmp, {@code <secs>t} for tcp, either or both ({@code 120u1800t}). Default 60u3000t.
 */
public record Ttl(long udpIcmpSeconds, long tcpSeconds) {

    public static final Ttl DEFAULT = new Ttl(60, 3000);
    private static final Pattern PART = Pattern.compile("(\\d+)([ut])");

    public static Ttl parse(String spec) {
        long udp = DEFAULT.udpIcmpSeconds, tcp = DEFAULT.tcpSeconds;
        Matcher m = PART.matcher(spec);
        int at = 0;
        while (m.find() && m.start() == at) {
            long seconds = Long.parseLong(m.group(1));
            if (m.group(2).equals("u")) udp = seconds; else tcp = seconds;
            at = m.end();
        }
        if (at != spec.length() || at == 0) {
            throw new IllegalArgumentException("ttl must be <secs>u, <secs>t or both (e.g. 120u1800t), not `" + spec + "'");
        }
        return new Ttl(udp, tcp);
    }

    long micros(int protocol) {
        return (protocol == org.wirelog.packet.IpDecoder.TCP ? tcpSeconds : udpIcmpSeconds) * 1_000_000L;
    }
}
