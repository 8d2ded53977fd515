package org.wirelog.nat;

import java.net.InetAddress;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.wirelog.packet.IpDecoder;
import org.wirelog.packet.Ipv4Header;

/**
 * Parses the lines {@code conntrack -E [-n] [-o timestamp]} writes, in every shape natlog's reference
 * saw: with or without the timeout number, with or without a state, {@code [UNREPLIED]} and
 * {@code [ASSURED]} anywhere, with or without {@code packets=}/{@code bytes=} (acct), with or without a
 * trailing {@code delta-time=} (timestamp extension). Anything else (another protocol, IPv6, an
 * unknown shape) gives null.
 */
public final class ConntrackLineParser {

    private static final Pattern HEAD = Pattern.compile(
            "\\s*(?:\\[(\\d+)\\.(\\d{1,6})\\]\\s+)?\\[(NEW|UPDATE|DESTROY)\\]\\s+(tcp|udp|icmp)\\s+(\\d+)\\s+(.*)");

    private static final long MAX_SECONDS = Long.MAX_VALUE / 1_000_000L - 1;

    private ConntrackLineParser() {
    }

    public static ConntrackEvent parse(String line) {
        Matcher head = HEAD.matcher(line);
        if (!head.matches()) return null;
        int protocol = switch (head.group(4)) {
            case "tcp" -> IpDecoder.TCP;
            case "udp" -> IpDecoder.UDP;
            default -> IpDecoder.ICMP;
        };
        if (number(head.group(5)) != protocol) return null;
        long micros = -1;
        if (head.group(1) != null) {
            long seconds = number(head.group(1));
            // a stamp whose microseconds do not fit a long is no time conntrack wrote
            if (seconds < 0 || seconds > MAX_SECONDS) return null;
            micros = seconds * 1_000_000L + Long.parseLong((head.group(2) + "00000").substring(0, 6));
        }
        TupleBuilder original = new TupleBuilder(), reply = new TupleBuilder();
        TupleBuilder current = null;
        long delta = -1;
        for (String token : head.group(6).trim().split("\\s+")) {
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
        Integer source, destination;
        int sourcePort = -1, destinationPort = -1;
        long packets = -1, bytes = -1;

        /** @return false when the value is not what the key needs (a non-IPv4 address, say) */
        boolean set(String key, String value) {
            switch (key) {
                case "src", "dst" -> {
                    if (value.indexOf(':') >= 0) return false;
                    try {
                        int ip = Ipv4Header.number(InetAddress.ofLiteral(value));
                        if (key.equals("src")) source = ip; else destination = ip;
                    } catch (IllegalArgumentException e) {
                        return false;
                    }
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
