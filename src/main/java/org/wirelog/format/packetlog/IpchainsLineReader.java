package org.wirelog.format.packetlog;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Linux 2.2's ipchains packet log line (the ipchains HOWTO's format):
 * <pre>
 * Packet log: forward DENY eth1 PROTO=17 10.1.2.3:234 192.0.2.9:34567 L=78 S=0x00 I=13413 F=0x0000 T=112 (#16)
 * </pre>
 * S is the whole type-of-service byte, split here into TOS and precedence as netfilter prints them; F holds
 * the flags (DF 0x4000, MF 0x2000, CE 0x8000) and the fragment offset in 8-byte units; a SYN packet has
 * {@code SYN} before the rule number. For ICMP the two "ports" are the type and the code. A later fragment
 * has no transport header, so its ports are not read.
 */
public final class IpchainsLineReader {

    private static final String MARK = "Packet log: ";
    private static final Pattern LINE = Pattern.compile("Packet log: (\\S+) (\\S+(?: \\d+)?) (\\S+) PROTO=(\\d+) "
            + "([\\d.]+):(\\d+) ([\\d.]+):(\\d+) L=(\\d+) S=0x(\\p{XDigit}{1,2}) I=(\\d+) F=0x(\\p{XDigit}{1,4}) T=(\\d+)"
            + "((?: O=0x\\p{XDigit}+)*) (SYN )?\\(#(\\d+)\\)\\s*");

    private IpchainsLineReader() {
    }

    public static boolean looksLikePacket(String message) {
        return message.startsWith(MARK);
    }

    /** @throws IllegalArgumentException when the line is not ipchains' */
    public static PacketLogEntry read(String message) {
        Matcher m = LINE.matcher(message);
        if (!m.matches()) throw new IllegalArgumentException("not an ipchains packet log line");
        int protocolNumber = Integer.parseInt(m.group(4));
        int typeOfService = Integer.parseInt(m.group(10), 16);
        int flags = Integer.parseInt(m.group(12), 16);
        IpFields ip = new IpFields(InetAddress.ofLiteral(m.group(5)), InetAddress.ofLiteral(m.group(7)),
                Integer.parseInt(m.group(9)), typeOfService & 0x1e, typeOfService & 0xe0, null, null,
                Integer.parseInt(m.group(13)), Long.parseLong(m.group(11)), (flags & 0x8000) != 0, (flags & 0x4000) != 0,
                (flags & 0x2000) != 0, (flags & 0x1fff) * 8);
        int first = Integer.parseInt(m.group(6)), second = Integer.parseInt(m.group(8));
        boolean ports = !ip.isLaterFragment() && (protocolNumber == 6 || protocolNumber == 17);
        LoggedPacket.Icmp icmp = protocolNumber == 1 && !ip.isLaterFragment()
                ? new LoggedPacket.Icmp(first, second, null, null, null, null, null, null) : null;
        String options = m.group(14).trim();
        LoggedPacket packet = new LoggedPacket(ip, protocolName(protocolNumber), ports ? first : null, ports ? second : null,
                null, null, icmp, null, m.group(15) == null ? List.of() : List.of("SYN"),
                options.isEmpty() ? Map.of() : Map.of("OPT", options.replace("O=0x", "")));
        return new PacketLogEntry(PacketLogEntry.Source.IPCHAINS, null, m.group(1), m.group(2), Integer.parseInt(m.group(16)),
                m.group(3), null, Map.of(), packet);
    }

    private static String protocolName(int number) {
        return switch (number) {
            case 1 -> "ICMP";
            case 6 -> "TCP";
            case 17 -> "UDP";
            default -> Integer.toString(number);
        };
    }
}
