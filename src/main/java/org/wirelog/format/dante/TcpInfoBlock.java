package org.wirelog.format.dante;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.wirelog.model.TcpInfo;
import org.wirelog.model.TcpInfo.Field;

/**
 * The {@code log: tcpinfo} block Dante appends to a TCP line (REPORT 4.25): {@code TCP_INFO:}, then one
 * {@code %-21s: value} line per field with an empty line after three groups; {@code client <-> target} where the
 * line has both sockets. The continuation lines carry no prefix.
 */
final class TcpInfoBlock {

    private static final Set<Field> GROUP_ENDS = EnumSet.of(Field.FACKETS, Field.LAST_ACK_RECV, Field.RCV_SPACE);
    /** linux/tcp.h's TCP_ESTABLISHED = 1 ... TCP_CLOSING = 11, as Dante names them. */
    private static final List<String> STATES = List.of("", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1",
            "FIN_WAIT2", "TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING");
    private static final List<String> CA_STATES = List.of("TCP_CA_Open", "TCP_CA_Disorder", "TCP_CA_CWR",
            "TCP_CA_Recovery", "TCP_CA_Loss");
    /** TCPI_OPT_* bits, lowest first; Dante's corpus shows the first three names. */
    private static final List<String> OPTIONS = List.of("TS", "SACK", "Wscale", "ECN", "ECN_seen", "SYN_data");

    private TcpInfoBlock() {
    }

    /** The block, starting with the line break that ends the line it belongs to. */
    static void append(StringBuilder line, TcpInfo.Pair pair) {
        line.append("\nTCP_INFO:");
        for (Field field : Field.values()) {
            line.append('\n').append(field.cName());
            line.repeat(' ', Math.max(0, 21 - field.cName().length())).append(": ");
            line.append(value(field, pair.client().get(field)));
            if (pair.target() != null) line.append(" <-> ").append(value(field, pair.target().get(field)));
            if (GROUP_ENDS.contains(field)) line.append('\n');
        }
    }

    private static String value(Field field, long value) {
        String name = switch (field) {
            case STATE -> value < STATES.size() && value > 0 ? STATES.get((int) value) : null;
            case CA_STATE -> value < CA_STATES.size() ? CA_STATES.get((int) value) : null;
            case OPTIONS -> options(value);
            default -> null;
        };
        return name == null ? Long.toString(value) : value + " (" + name + ")";
    }

    private static String options(long bits) {
        List<String> names = new ArrayList<>();
        for (int bit = 0; bit < OPTIONS.size(); bit++) {
            if ((bits & (1L << bit)) != 0) names.add(OPTIONS.get(bit));
        }
        return names.isEmpty() ? null : String.join(", ", names);
    }
}
