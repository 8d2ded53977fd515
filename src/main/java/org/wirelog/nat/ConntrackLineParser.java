package org.wirelog.nat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.wirelog.packet.IpDecoder;

/**
 * Parses the lines {@code conntrack -E [-n] [-o timestamp]} writes, in every shape natlog's reference
 * saw: with or without the timeout number, with or without a state, {@code [UNREPLIED]} and
 * {@code [ASSURED]} anywhere, with or without {@code packets=}/{@code bytes=} (acct), with or without a
 * trailing {@code delta-time=} (timestamp extension), with or without {@code -o extended}'s network layer
 * ({@code ipv4     2 }, {@code ipv6     10 }) in front of the protocol. {@link #parse} reads IPv4 lines only, as
 * natlog does (its NAT is IPv4); {@link #parseAnyFamily} reads IPv6 lines too (icmpv6 echo flows included), for
 * reading logs back.
 * Anything else (another protocol, an unknown shape) gives null.
 */
public final class ConntrackLineParser {

    private static final Pattern HEAD = Pattern.compile(
            "\\s*(?:\\[(\\d+)\\.(\\d{1,6})\\]\\s+)?\\[(NEW|UPDATE|DESTROY)\\]\\s+(?:(ipv4\\s+2|ipv6\\s+10)\\s+)?(tcp|udp|icmpv6|icmp)\\s+(\\d+)\\s+(.*)");

    private static final long MAX_SECONDS = Long.MAX_VALUE / 1_000_000L - 1;

    private ConntrackLineParser() {
    }

    /** An IPv4 event, or null (an IPv6 one too). */
    public static ConntrackEvent parse(String line) {
        return parse(line, false);
    }

    /** An IPv4 or IPv6 event, or null. */
    public static ConntrackEvent parseAnyFamily(String line) {
        return parse(line, true);
    }

    private static ConntrackEvent parse(String line, boolean ipv6) {
        Matcher head = HEAD.matcher(line);
        if (!head.matches()) return null;
        String family = head.group(4);
        if (family != null && family.startsWith("ipv6") && !ipv6) return null;
        int protocol = switch (head.group(5)) {
            case "tcp" -> IpDecoder.TCP;
            case "udp" -> IpDecoder.UDP;
            case "icmpv6" -> IpDecoder.ICMPV6;
            default -> IpDecoder.ICMP;
        };
        if (number(head.group(6)) != protocol) return null;
        long micros = -1;
        if (head.group(1) != null) {
            long seconds = number(head.group(1));
            // a stamp whose microseconds do not fit a long is no time conntrack wrote
            if (seconds < 0 || seconds > MAX_SECONDS) return null;
            micros = seconds * 1_000_000L + Long.parseLong((head.group(2) + "00000").substring(0, 6));
        }
        TupleBuilder original = new TupleBuilder(ipv6), reply = new TupleBuilder(ipv6);
        TupleBuilder current = null;
        long delta = -1;
        for (String token : head.group(7).trim().split("\\s+")) {
            int eq = token.indexOf('=');
            if (eq < 0) continue; // the timeout, the state, [UNREPLIED], [ASSURED] and friends say nothing we need
            String key = token.substring(0, eq), value = token.substring(eq + 1);
            if (key.equals("src")) {
                if (current == reply) return null;
                current = current == null ? original : reply;
            }
            if (key.equals("delta-time")) {
                delta = number(value);
                continue;
            }
            if (current == null || !current.set(key, value)) return null;
        }
        if (current != reply || !original.complete() || !reply.complete()) return null;
        if (family != null && family.startsWith("ipv6") != original.source instanceof Inet6Address) return null;
        return new ConntrackEvent(ConntrackEvent.Type.valueOf(head.group(3)), micros, protocol, original.build(),
                reply.build(), delta);
    }

    private static long number(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }

    /** A port, or -1 (incomplete) for what is none: never a number cut down to an int that happens to be one. */
    private static int port(String text) {
        long number = number(text);
        return number >= 0 && number <= 65535 ? (int) number : -1;
    }

    private static final class TupleBuilder {
        final boolean ipv6;
        InetAddress source, destination;
        int sourcePort = -1, destinationPort = -1;
        long packets = -1, bytes = -1;

        TupleBuilder(boolean ipv6) {
            this.ipv6 = ipv6;
        }

        /** @return false when the value is not what the key needs (an address of the other family or none, say) */
        boolean set(String key, String value) {
            switch (key) {
                case "src", "dst" -> {
                    if (!ipv6 && value.indexOf(':') >= 0) return false;
                    InetAddress ip;
                    try {
                        ip = InetAddress.ofLiteral(value);
                    } catch (IllegalArgumentException e) {
                        return false;
                    }
                    InetAddress other = key.equals("src") ? destination : source;
                    if (other != null && other.getClass() != ip.getClass()) return false;
                    if (key.equals("src")) source = ip; else destination = ip;
                }
                case "sport" -> sourcePort = port(value);
                case "dport" -> destinationPort = port(value);
                case "id" -> {
                    // icmp: the identifier plays the port, on the request's source side
                    sourcePort = port(value);
                    destinationPort = 0;
                }
                case "packets" -> packets = number(value);
                case "bytes" -> bytes = number(value);
                default -> {
                    // type=, code=, zone=, mark=, use=: not needed
                }
            }
            return true;
        }

        boolean complete() {
            return source != null && destination != null && sourcePort >= 0 && sourcePort <= 65535
                    && destinationPort >= 0 && destinationPort <= 65535 && packets != Long.MIN_VALUE && bytes != Long.MIN_VALUE;
        }

        ConntrackEvent.Tuple build() {
            return new ConntrackEvent.Tuple(source, destination, sourcePort, destinationPort, packets, bytes);
        }
    }
}
