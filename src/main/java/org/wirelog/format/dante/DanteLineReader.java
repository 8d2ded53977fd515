package org.wirelog.format.dante;

import static org.wirelog.format.AsciiBytes.equalsIgnoreCase;
import static org.wirelog.format.AsciiBytes.indexOf;
import static org.wirelog.format.AsciiBytes.lastIndexOf;
import static org.wirelog.format.AsciiBytes.startsWith;
import static org.wirelog.format.AsciiBytes.text;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.wirelog.model.Command;
import org.wirelog.model.Endpoint;
import org.wirelog.model.Identity;
import org.wirelog.model.LinkCounters;
import org.wirelog.model.Protocol;
import org.wirelog.model.Verdict;

/**
 * Takes a Dante traffic message (the part after {@code level: }) apart, as real Dante 1.4.2 and
 * {@link DanteFormat} write it. It runs once per line of logs of millions of lines, so it reads the message
 * in place, in the line's UTF-8 bytes, by index: no string of the line, no regular expression, no substring for
 * a field that becomes a number or an address (IPv4 addresses and users come from small caches); only a user
 * name, a host name and the detail text are decoded; a group of endpoints already read on an earlier line of
 * the session is not read again. Reading bytes instead of a string of each line made reading a Dante log about
 * a fifth faster and a quarter lighter in garbage. The counters list of a {@link DanteLine} is the reader's own,
 * made for that line and never changed after: not copied again. One reader per reading thread.
 */
public final class DanteLineReader {

    private static final String ARROW = " -> ";
    private static final Protocol[] PROTOCOLS = Protocol.values();
    private static final Command[] COMMANDS = Command.values();

    private final AddressCache addresses = new AddressCache();
    private final IdentityCache identities = new IdentityCache();
    private final GroupCache groups = new GroupCache();
    private final GroupCache.Reader readGroup = this::readEndpoints;

    /** A cheap test: does the message at {@code from} start like a traffic line ({@code pass(} or {@code block(})? */
    public static boolean looksLikeTraffic(byte[] line, int from, int to) {
        return startsWith(line, from, to, "pass(") || startsWith(line, from, to, "block(");
    }

    /**
     * The message {@code line[start, end)}: a line's UTF-8 bytes, read in place.
     *
     * @throws IllegalArgumentException saying what in the message is not Dante's traffic line
     */
    public DanteLine read(byte[] line, int start, int end) {
        int close = indexOf(line, "): ", start, end);
        if (!looksLikeTraffic(line, start, end) || close < 0) throw new IllegalArgumentException("not a Dante traffic line");
        boolean pass = startsWith(line, start, end, "pass(");
        int rule = (int) number(line, start + (pass ? 5 : 6), close);
        int slash = indexOf(line, '/', close + 3, end);
        int space = indexOf(line, ' ', close + 3, end);
        if (slash < 0 || space < slash) throw new IllegalArgumentException("no PROTO/CMD");
        Protocol protocol = word(PROTOCOLS, line, close + 3, slash, "protocol");
        Command command = word(COMMANDS, line, slash + 1, space, "command");
        DanteLine.Marker marker = marker(line, space + 1, end);
        int from = Math.min(space + 4, end);

        int to = end;
        String detail = null;
        int colon = indexOf(line, ": ", from, end);
        if (colon >= 0) {
            detail = text(line, colon + 2, end);
            to = colon;
        }
        long length = -1;
        if (marker == DanteLine.Marker.TRANSFER && to > from && line[to - 1] == ')') {
            int open = lastIndexOf(line, " (", from, to - 1);
            if (open < from) throw new IllegalArgumentException("unbalanced (n)");
            length = number(line, open + 2, to - 1);
            to = open;
        }
        List<LinkCounters> counters = new ArrayList<>(2);
        List<DanteLine.Group> groups = marker == DanteLine.Marker.CLOSED && startsWithCount(line, from, to)
                ? countedGroups(line, from, to, counters) : groups(line, from, to);
        if (groups.size() > 2) throw new IllegalArgumentException("more than two endpoint groups");
        return new DanteLine(new Verdict(pass, rule), protocol, command, marker, groups.get(0),
                groups.size() > 1 ? groups.get(1) : null, counters, length, detail);
    }

    /** The constant whose name is {@code line[from, to)}, in any case. */
    private static <E extends Enum<E>> E word(E[] values, byte[] line, int from, int to, String what) {
        for (E value : values) {
            if (equalsIgnoreCase(line, from, to, value.name())) return value;
        }
        throw new IllegalArgumentException("unknown " + what + " " + text(line, from, to));
    }

    private static DanteLine.Marker marker(byte[] line, int at, int end) {
        if (at + 3 > end || line[at + 1] != ':') throw new IllegalArgumentException("no [: -: ]: marker");
        return switch (line[at]) {
            case '[' -> DanteLine.Marker.OPENED;
            case '-' -> DanteLine.Marker.TRANSFER;
            case ']' -> DanteLine.Marker.CLOSED;
            default -> throw new IllegalArgumentException("no [: -: ]: marker");
        };
    }

    /** {@code 7 -> ...}: a closing line with counters starts with a number followed by {@code " -> "}. */
    private static boolean startsWithCount(byte[] line, int from, int to) {
        int i = from;
        while (i < to && (isDigit(line[i]) || line[i] == '/')) i++;
        return i > from && startsWith(line, i, to, ARROW);
    }

    /** {@code W -> A B -> R[, W -> C D -> R]}; the accept line's {@code W -> A B -> W2} is one group. */
    private List<DanteLine.Group> countedGroups(byte[] line, int from, int to, List<LinkCounters> counters) {
        List<DanteLine.Group> groups = new ArrayList<>(2);
        for (int part = from; part <= to; ) {
            int comma = indexOf(line, ", ", part, to);
            int end = comma < 0 ? to : comma;
            int first = indexOf(line, ARROW, part, end);
            int last = lastIndexOf(line, ARROW, part, end);
            if (first < 0 || first == last) {
                throw new IllegalArgumentException("counter without endpoints: " + text(line, part, end));
            }
            counters.add(counters(line, part, first, last + ARROW.length(), end));
            groups.add(endpoints(line, first + ARROW.length(), last));
            part = end + 2;
        }
        return groups;
    }

    /** {@code written -> ... -> read}, each {@code bytes} or {@code bytes/packets}. */
    private static LinkCounters counters(byte[] line, int writtenFrom, int writtenTo, int readFrom, int readTo) {
        int writtenSlash = slash(line, writtenFrom, writtenTo);
        int readSlash = slash(line, readFrom, readTo);
        return new LinkCounters(number(line, writtenFrom, writtenSlash), number(line, readFrom, readSlash),
                writtenSlash == writtenTo ? 0 : number(line, writtenSlash + 1, writtenTo),
                readSlash == readTo ? 0 : number(line, readSlash + 1, readTo));
    }

    private static int slash(byte[] line, int from, int to) {
        int slash = indexOf(line, '/', from, to);
        return slash < 0 ? to : slash;
    }

    private List<DanteLine.Group> groups(byte[] line, int from, int to) {
        List<DanteLine.Group> groups = new ArrayList<>(2);
        while (true) {
            int arrow = indexOf(line, ARROW, from, to);
            groups.add(endpoints(line, from, arrow < 0 ? to : arrow));
            if (arrow < 0) return groups;
            from = arrow + ARROW.length();
        }
    }

    /** Endpoints separated by blanks; one may be written in square brackets. */
    private DanteLine.Group endpoints(byte[] line, int from, int to) {
        return groups.get(line, from, to, readGroup);
    }

    private DanteLine.Group readEndpoints(byte[] line, int from, int to) {
        Endpoint[] read = new Endpoint[4];
        int count = 0, bracketed = -1;
        for (int i = from; i < to; ) {
            int blank = indexOf(line, ' ', i, to);
            int end = blank < 0 ? to : blank;
            if (end > i) {
                if (count == read.length) read = Arrays.copyOf(read, count * 2);
                if (line[i] == '[' && line[end - 1] == ']' && end - i >= 2) {
                    bracketed = count;
                    read[count++] = endpoint(line, i + 1, end - 1);
                } else {
                    read[count++] = endpoint(line, i, end);
                }
            }
            i = end + 1;
        }
        if (count == 0) throw new IllegalArgumentException("empty endpoint group");
        return new DanteLine.Group(List.of(Arrays.copyOf(read, count)), bracketed);
    }

    /** {@code [method%user@]host.port} in {@code line[from, to)}, the host an IPv4 or IPv6 literal or a name. */
    private Endpoint endpoint(byte[] line, int from, int to) {
        long ipv4AndPort = ipv4AndPort(line, from, to);
        if (ipv4AndPort >= 0) return Endpoint.of(addresses.ipv4((int) (ipv4AndPort >>> 16)), (int) (ipv4AndPort & 0xffff));
        Identity identity = null;
        int percent = indexOf(line, '%', from, to);
        int at = percent > from ? lastIndexOf(line, '@', percent + 1, to) : -1;
        if (at > percent) {
            identity = identities.get(line, from, percent, at);
            from = at + 1;
        }
        int dot = lastIndexOf(line, '.', from, to);
        if (dot <= from || dot == to - 1) throw new IllegalArgumentException("not an endpoint: " + text(line, from, to));
        int port = (int) number(line, dot + 1, to);
        InetAddress address = address(line, from, dot);
        return address != null ? new Endpoint(address, null, port, identity)
                : new Endpoint(null, checkedName(line, from, dot), port, identity);
    }

    /**
     * {@code a.b.c.d.port} (octets 0-255 without leading zeros, a port up to 65535) read in one pass, as the
     * address shifted left by 16 bits or the port; -1 for any other form, which the general path reads or refuses.
     * Nearly every endpoint of a log is written so, and this is where reading a line spends most of its time.
     */
    private static long ipv4AndPort(byte[] line, int from, int to) {
        long address = 0;
        int i = from;
        for (int part = 0; part < 5; part++) {
            int start = i, value = 0;
            while (i < to && i - start < 5) {
                byte c = line[i];
                if (!isDigit(c)) break;
                value = value * 10 + (c - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0) return -1;
            if (part == 4) return i == to && value <= 0xffff ? address << 16 | value : -1;
            if (value > 255 || digits > 3 || (digits > 1 && line[start] == '0') || i == to || line[i] != '.') return -1;
            address = address << 8 | value;
            i++;
        }
        return -1;
    }

    /** The address written in {@code line[from, to)}, or null when it is a name. */
    private InetAddress address(byte[] line, int from, int to) {
        InetAddress v4 = addresses.ipv4(line, from, to);
        if (v4 != null) return v4;
        return isLiteral(line, from, to) ? InetAddress.ofLiteral(text(line, from, to)) : null;
    }

    private static boolean isLiteral(byte[] line, int from, int to) {
        if (indexOf(line, ':', from, to) >= 0) return true;
        for (int i = from; i < to; i++) {
            if (line[i] != '.' && !isDigit(line[i])) return false;
        }
        return true;
    }

    private static String checkedName(byte[] line, int from, int to) {
        String host = text(line, from, to);
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_')) throw new IllegalArgumentException("not a host name: " + host);
        }
        return host;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** The decimal number {@code line[from, to)}: digits only. */
    private static long number(byte[] line, int from, int to) {
        if (from >= to || to - from > 18) throw new IllegalArgumentException("not a number: " + text(line, from, to));
        long value = 0;
        for (int i = from; i < to; i++) {
            byte c = line[i];
            if (!isDigit(c)) throw new IllegalArgumentException("not a number: " + text(line, from, to));
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
