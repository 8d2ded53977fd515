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
        if (Integer.parseInt(head.group(5)) != protocol) return null;
        long micros = head.group(1) == null ? -1
                : Long.parseLong(head.group(1)) * 1_000_000L + Long.parseLong((head.group(2) + "00000").substring(0, 6));
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
                case "sport" -> sourcePort = (int) number(value);
                case "dport" -> destinationPort = (int) number(value);
                case "id" -> {
                    // icmp: the identifier plays the port, on the request's source side
                    sourcePort = (int) number(value);
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
