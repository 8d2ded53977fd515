package org.wirelog.format.packetlog;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the line the kernel's netfilter logger writes for iptables' and ip6tables' LOG target and for
 * nftables' {@code log} statement (one logger, one format, see nf_log_syslog.c):
 * <pre>
 * PREFIXIN=eth0 OUT= MAC=... SRC=10.0.0.1 DST=10.0.0.2 LEN=60 TOS=0x00 PREC=0x00 TTL=64 ID=54321 DF PROTO=TCP SPT=40000 DPT=80 WINDOW=64240 RES=0x00 SYN URGP=0
 * </pre>
 * The pitfalls it handles: the prefix is glued to {@code IN=} (no blank in between); flags are bare words
 * (CE DF MF, CWR ECE URG ACK PSH RST SYN FIN); a later fragment has {@code FRAG:n} and no ports; an ICMP
 * error quotes the offending packet in square brackets, whose keys (SRC, LEN, ID, ...) repeat the outer
 * ones; {@code ID}, {@code LEN} and {@code SEQ} mean different things before and after {@code PROTO=};
 * IPv6 lines have TC, HOPLIMIT, FLOWLBL and {@code FRAG:offset [INCOMPLETE] ID:hex}.
 */
public final class NetfilterLineReader {

    private static final Pattern INTERFACES = Pattern.compile("IN=(\\S*) OUT=(\\S*)(?: |$)");
    private static final Set<String> TCP_FLAGS = Set.of("AE", "CWR", "ECE", "URG", "ACK", "PSH", "RST", "SYN", "FIN");
    private static final Set<String> LINK_KEYS = Set.of("MAC", "MACSRC", "MACDST", "MACPROTO", "PHYSIN", "PHYSOUT", "VPROTO", "VID");

    private NetfilterLineReader() {
    }

    /** A cheap test: does the message hold netfilter's {@code IN=... OUT=} start? */
    public static boolean looksLikePacket(String message) {
        int in = message.indexOf("IN=");
        return in >= 0 && message.indexOf(" OUT=", in) > 0;
    }

    /** @throws IllegalArgumentException saying which part of the line could not be read */
    public static PacketLogEntry read(String message) {
        Matcher m = INTERFACES.matcher(message);
        if (!m.find()) throw new IllegalArgumentException("no IN=... OUT=... in the line");
        String prefix = message.substring(0, m.start());
        Tokens tokens = new Tokens(message.substring(m.end()).trim());
        Map<String, String> link = new LinkedHashMap<>();
        while (tokens.more() && !tokens.peek().startsWith("SRC=")) {
            String token = tokens.next();
            int eq = token.indexOf('=');
            if (eq < 0 || !LINK_KEYS.contains(token.substring(0, eq))) throw new IllegalArgumentException("unexpected " + token + " before SRC=");
            link.put(token.substring(0, eq), token.substring(eq + 1));
        }
        LoggedPacket packet = packet(tokens, false);
        if (tokens.more()) throw new IllegalArgumentException("unexpected " + tokens.peek());
        return new PacketLogEntry(PacketLogEntry.Source.NETFILTER, prefix.isEmpty() ? null : prefix, null, null, null,
                m.group(1), m.group(2), link, packet);
    }

    /** One packet's fields, up to the end of the line or, when quoted, up to its closing bracket. */
    private static LoggedPacket packet(Tokens tokens, boolean quoted) {
        Packet p = new Packet();
        while (tokens.more()) {
            String token = tokens.next();
            if (quoted && token.equals("]")) return p.build();
            if (token.startsWith("[SRC=")) {
                p.quoted = packet(tokens.pushBack(token.substring(1)), true);
                continue;
            }
            p.take(token, tokens);
        }
        if (quoted) throw new IllegalArgumentException("quoted packet without its closing ]");
        return p.build();
    }

    /** The fields seen so far; {@code afterProto} tells an IP key from the transport key of the same name. */
    private static final class Packet {
        InetAddress source, destination, gateway;
        Integer length, tos, precedence, trafficClass, flowLabel, ttl;
        Long id;
        boolean congestion, dontFragment, moreFragments;
        int fragmentOffset;
        String protocol;
        Integer sourcePort, destinationPort, window, reserved, urgent, udpLength, incomplete;
        Long sequence, acknowledgement;
        Integer icmpType, icmpCode, icmpId, icmpSequence, mtu, parameter;
        LoggedPacket quoted;
        final List<String> flags = new ArrayList<>();
        final Map<String, String> other = new LinkedHashMap<>();

        void take(String token, Tokens tokens) {
            if (token.startsWith("FRAG:")) {
                int offset = Integer.parseInt(token.substring(5));
                fragmentOffset = isIpv6() ? offset : offset * 8;
                return;
            }
            if (token.startsWith("ID:")) {
                id = Long.parseLong(token.substring(3), 16);
                return;
            }
            int eq = token.indexOf('=');
            if (eq < 0) {
                bare(token, tokens);
                return;
            }
            String key = token.substring(0, eq), value = token.substring(eq + 1);
            boolean afterProto = protocol != null;
            switch (key) {
                case "SRC" -> source = InetAddress.ofLiteral(value);
                case "DST" -> destination = InetAddress.ofLiteral(value);
                case "LEN" -> {
                    if (afterProto) udpLength = Integer.parseInt(value); else length = Integer.parseInt(value);
                }
                case "TOS" -> tos = hex(value);
                case "PREC" -> precedence = hex(value);
                case "TC" -> trafficClass = Integer.parseInt(value);
                case "FLOWLBL" -> flowLabel = Integer.parseInt(value);
                case "TTL", "HOPLIMIT" -> ttl = Integer.parseInt(value);
                case "ID" -> {
                    if (afterProto) icmpId = Integer.parseInt(value); else id = Long.parseLong(value);
                }
                case "PROTO" -> protocol = value;
                case "SPT" -> sourcePort = Integer.parseInt(value);
                case "DPT" -> destinationPort = Integer.parseInt(value);
                case "SEQ" -> {
                    if (isIcmp()) icmpSequence = Integer.parseInt(value); else sequence = Long.parseLong(value);
                }
                case "ACK" -> acknowledgement = Long.parseLong(value);
                case "WINDOW" -> window = Integer.parseInt(value);
                case "RES" -> reserved = hex(value);
                case "URGP" -> urgent = Integer.parseInt(value);
                case "TYPE" -> icmpType = Integer.parseInt(value);
                case "CODE" -> icmpCode = Integer.parseInt(value);
                case "MTU" -> mtu = Integer.parseInt(value);
                case "GATEWAY" -> gateway = InetAddress.ofLiteral(value);
                case "PARAMETER" -> parameter = Integer.parseInt(value);
                default -> other.put(key, value);
            }
        }

        private void bare(String token, Tokens tokens) {
            switch (token) {
                case "CE" -> congestion = true;
                case "DF" -> dontFragment = true;
                case "MF" -> moreFragments = true;
                case "INCOMPLETE" -> {
                    if (tokens.more() && tokens.peek().startsWith("[")) {
                        String count = tokens.next().substring(1);
                        if (!tokens.more() || !tokens.next().startsWith("bytes]")) throw new IllegalArgumentException("INCOMPLETE without [n bytes]");
                        incomplete = Integer.parseInt(count);
                    } else {
                        moreFragments = true; // ip6tables: FRAG:offset INCOMPLETE, the M flag of the fragment header
                    }
                }
                case "OPT" -> other.put("OPT", tokens.untilClosingParenthesis());
                case "TRUNCATED" -> other.put("TRUNCATED", "");
                default -> {
                    if (!TCP_FLAGS.contains(token) || !"TCP".equals(protocol)) throw new IllegalArgumentException("unexpected " + token);
                    flags.add(token);
                }
            }
        }

        private boolean isIpv6() {
            return source != null && source.getAddress().length == 16;
        }

        private boolean isIcmp() {
            return "ICMP".equals(protocol) || "ICMPv6".equals(protocol);
        }

        LoggedPacket build() {
            if (source == null || destination == null) throw new IllegalArgumentException("no SRC= and DST=");
            if (icmpType != null && icmpCode == null) throw new IllegalArgumentException("ICMP TYPE= without CODE=");
            IpFields ip = new IpFields(source, destination, length, tos, precedence, trafficClass, flowLabel, ttl, id,
                    congestion, dontFragment, moreFragments, fragmentOffset);
            LoggedPacket.Tcp tcp = "TCP".equals(protocol) && window != null
                    ? new LoggedPacket.Tcp(window, reserved, urgent, sequence, acknowledgement) : null;
            LoggedPacket.Icmp icmp = icmpType == null ? null
                    : new LoggedPacket.Icmp(icmpType, icmpCode, icmpId, icmpSequence, mtu, gateway, parameter, quoted);
            return new LoggedPacket(ip, protocol, sourcePort, destinationPort, tcp, udpLength, icmp, incomplete,
                    List.copyOf(flags), Map.copyOf(other));
        }

        private static int hex(String value) {
            if (!value.startsWith("0x") && !value.startsWith("0X")) throw new IllegalArgumentException("not hexadecimal: " + value);
            return Integer.parseInt(value.substring(2), 16);
        }
    }

    /** The blank-separated words of the line, with a word pushed back when a bracket was cut off it. */
    private static final class Tokens {
        private final String[] words;
        private int next;
        private String pushed;

        Tokens(String text) {
            this.words = text.isEmpty() ? new String[0] : text.split(" +");
        }

        boolean more() {
            return pushed != null || next < words.length;
        }

        String peek() {
            return pushed != null ? pushed : words[next];
        }

        String next() {
            if (pushed != null) {
                String word = pushed;
                pushed = null;
                return word;
            }
            return words[next++];
        }

        Tokens pushBack(String word) {
            pushed = word;
            return this;
        }

        /** {@code OPT (0204FFD7)} or ip6tables' {@code OPT ( FRAG:0 ID:... )}: everything up to the closing parenthesis. */
        String untilClosingParenthesis() {
            StringBuilder text = new StringBuilder();
            while (more()) {
                String word = next();
                if (!text.isEmpty()) text.append(' ');
                text.append(word);
                if (word.endsWith(")")) break;
            }
            String all = text.toString();
            if (!all.startsWith("(") || !all.endsWith(")")) throw new IllegalArgumentException("OPT without (...)");
            return all.substring(1, all.length() - 1).trim();
        }
    }
}
