package org.wirelog.format.dante;

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
 * in place, by index: no regular expression, no substring for a field that becomes a number or an address
 * (IPv4 addresses and users come from
 * small caches); only a user name, a host name and the detail text are
 * copied out; a group of endpoints already read on an earlier line of the session is not read again. The
 * counters list of a {@link DanteLine} is the reader's own, made for that line and never changed after: not
 * copied again. One reader per reading thread.
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
    public static boolean looksLikeTraffic(String text, int from) {
        return text.startsWith("pass(", from) || text.startsWith("block(", from);
    }

    /**
     * The message that starts at {@code start} in {@code text} (a whole log line, read in place).
     *
     * @throws IllegalArgumentException saying what in the message is not Dante's traffic line
     */
    public DanteLine read(String message, int start) {
        int close = message.indexOf("): ", start);
        if (!looksLikeTraffic(message, start) || close < 0) throw new IllegalArgumentException("not a Dante traffic line");
        boolean pass = message.startsWith("pass(", start);
        int rule = (int) number(message, start + (pass ? 5 : 6), close);
        int slash = message.indexOf('/', close + 3);
        int space = message.indexOf(' ', close + 3);
        if (slash < 0 || space < slash) throw new IllegalArgumentException("no PROTO/CMD");
        Protocol protocol = word(PROTOCOLS, message, close + 3, slash, "protocol");
        Command command = word(COMMANDS, message, slash + 1, space, "command");
        DanteLine.Marker marker = marker(message, space + 1);
        int from = Math.min(space + 4, message.length());

        int to = message.length();
        String detail = null;
        int colon = message.indexOf(": ", from);
        if (colon >= 0) {
            detail = message.substring(colon + 2);
            to = colon;
        }
        long length = -1;
        if (marker == DanteLine.Marker.TRANSFER && to > from && message.charAt(to - 1) == ')') {
            int open = message.lastIndexOf(" (", to - 1);
            if (open < from) throw new IllegalArgumentException("unbalanced (n)");
            length = number(message, open + 2, to - 1);
            to = open;
        }
        List<LinkCounters> counters = new ArrayList<>(2);
        List<DanteLine.Group> groups = marker == DanteLine.Marker.CLOSED && startsWithCount(message, from, to)
                ? countedGroups(message, from, to, counters) : groups(message, from, to);
        if (groups.size() > 2) throw new IllegalArgumentException("more than two endpoint groups");
        return new DanteLine(new Verdict(pass, rule), protocol, command, marker, groups.get(0),
                groups.size() > 1 ? groups.get(1) : null, counters, length, detail);
    }

    /** The constant whose name is {@code text[from, to)}, in any case (Dante writes lower case: tried first). */
    private static <E extends Enum<E>> E word(E[] values, String text, int from, int to, String what) {
        for (E value : values) {
            String name = value.name();
            if (name.length() == to - from && (lowerCase(text, from, name) || text.regionMatches(true, from, name, 0, name.length()))) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " " + text.substring(from, to));
    }

    private static DanteLine.Marker marker(String message, int at) {
        if (at + 3 > message.length() || message.charAt(at + 1) != ':') throw new IllegalArgumentException("no [: -: ]: marker");
        return switch (message.charAt(at)) {
            case '[' -> DanteLine.Marker.OPENED;
            case '-' -> DanteLine.Marker.TRANSFER;
            case ']' -> DanteLine.Marker.CLOSED;
            default -> throw new IllegalArgumentException("no [: -: ]: marker");
        };
    }

    /** Is {@code text} at {@code from} the lower-case form of the upper-case ASCII {@code name}? */
    private static boolean lowerCase(String text, int from, String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (text.charAt(from + i) != (c >= 'A' && c <= 'Z' ? c + 32 : c)) return false;
        }
        return true;
    }

    /** {@code 7 -> ...}: a closing line with counters starts with a number followed by {@code " -> "}. */
    private static boolean startsWithCount(String text, int from, int to) {
        int i = from;
        while (i < to && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '/')) i++;
        return i > from && i + ARROW.length() <= to && text.startsWith(ARROW, i);
    }

    /** {@code W -> A B -> R[, W -> C D -> R]}; the accept line's {@code W -> A B -> W2} is one group. */
    private List<DanteLine.Group> countedGroups(String text, int from, int to, List<LinkCounters> counters) {
        List<DanteLine.Group> groups = new ArrayList<>(2);
        for (int part = from; part <= to; ) {
            int comma = text.indexOf(", ", part);
            int end = comma < 0 || comma >= to ? to : comma;
            int first = text.indexOf(ARROW, part);
            int last = text.lastIndexOf(ARROW, end - ARROW.length());
            if (first < 0 || first >= end || last < part || first == last) {
                throw new IllegalArgumentException("counter without endpoints: " + text.substring(part, end));
            }
            counters.add(counters(text, part, first, last + ARROW.length(), end));
            groups.add(endpoints(text, first + ARROW.length(), last));
            part = end + 2;
        }
        return groups;
    }

    /** {@code written -> ... -> read}, each {@code bytes} or {@code bytes/packets}. */
    private static LinkCounters counters(String text, int writtenFrom, int writtenTo, int readFrom, int readTo) {
        int writtenSlash = slash(text, writtenFrom, writtenTo);
        int readSlash = slash(text, readFrom, readTo);
        return new LinkCounters(number(text, writtenFrom, writtenSlash), number(text, readFrom, readSlash),
                writtenSlash == writtenTo ? 0 : number(text, writtenSlash + 1, writtenTo),
                readSlash == readTo ? 0 : number(text, readSlash + 1, readTo));
    }

    private static int slash(String text, int from, int to) {
        int slash = find(text, '/', from, to);
        return slash < 0 ? to : slash;
    }

    private List<DanteLine.Group> groups(String text, int from, int to) {
        List<DanteLine.Group> groups = new ArrayList<>(2);
        while (true) {
            int arrow = text.indexOf(ARROW, from);
            if (arrow + ARROW.length() > to) arrow = -1;
            groups.add(endpoints(text, from, arrow < 0 ? to : arrow));
            if (arrow < 0) return groups;
            from = arrow + ARROW.length();
        }
    }

    /** Endpoints separated by blanks; one may be written in square brackets. */
    private DanteLine.Group endpoints(String text, int from, int to) {
        return groups.get(text, from, to, readGroup);
    }

    private DanteLine.Group readEndpoints(String text, int from, int to) {
        Endpoint[] read = new Endpoint[4];
        int count = 0, bracketed = -1;
        for (int i = from; i < to; ) {
            int blank = text.indexOf(' ', i);
            int end = blank < 0 || blank > to ? to : blank;
            if (end > i) {
                if (count == read.length) read = Arrays.copyOf(read, count * 2);
                if (text.charAt(i) == '[' && text.charAt(end - 1) == ']' && end - i >= 2) {
                    bracketed = count;
                    read[count++] = endpoint(text, i + 1, end - 1);
                } else {
                    read[count++] = endpoint(text, i, end);
                }
            }
            i = end + 1;
        }
        if (count == 0) throw new IllegalArgumentException("empty endpoint group");
        return new DanteLine.Group(List.of(Arrays.copyOf(read, count)), bracketed);
    }

    /** {@code [method%user@]host.port} in {@code text[from, to)}, the host an IPv4 or IPv6 literal or a name. */
    private Endpoint endpoint(String text, int from, int to) {
        long ipv4AndPort = ipv4AndPort(text, from, to);
        if (ipv4AndPort >= 0) return Endpoint.of(addresses.ipv4((int) (ipv4AndPort >>> 16)), (int) (ipv4AndPort & 0xffff));
        Identity identity = null;
        int percent = find(text, '%', from, to);
        int at = percent > from ? text.lastIndexOf('@', to - 1) : -1;
        if (at > percent) {
            identity = identities.get(text, from, percent, at);
            from = at + 1;
        }
        int dot = text.lastIndexOf('.', to - 1);
        if (dot <= from || dot == to - 1) throw new IllegalArgumentException("not an endpoint: " + text.substring(from, to));
        int port = (int) number(text, dot + 1, to);
        InetAddress address = address(text, from, dot);
        return address != null ? new Endpoint(address, null, port, identity)
                : new Endpoint(null, checkedName(text, from, dot), port, identity);
    }

    /**
     * {@code a.b.c.d.port} (octets 0-255 without leading zeros, a port up to 65535) read in one pass, as the
     * address shifted left by 16 bits or the port; -1 for any other form, which the general path reads or refuses.
     * Nearly every endpoint of a log is written so, and this is where reading a line spends most of its time.
     */
    private static long ipv4AndPort(String text, int from, int to) {
        long address = 0;
        int i = from;
        for (int part = 0; part < 5; part++) {
            int start = i, value = 0;
            while (i < to && i - start < 5) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') break;
                value = value * 10 + (c - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0) return -1;
            if (part == 4) return i == to && value <= 0xffff ? address << 16 | value : -1;
            if (value > 255 || digits > 3 || (digits > 1 && text.charAt(start) == '0') || i == to || text.charAt(i) != '.') return -1;
            address = address << 8 | value;
            i++;
        }
        return -1;
    }

    /** The address written in {@code text[from, to)}, or null when it is a name. */
    private InetAddress address(String text, int from, int to) {
        InetAddress v4 = addresses.ipv4(text, from, to);
        if (v4 != null) return v4;
        return isLiteral(text, from, to) ? InetAddress.ofLiteral(text.substring(from, to)) : null;
    }

    private static boolean isLiteral(String text, int from, int to) {
        if (find(text, ':', from, to) >= 0) return true;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) return false;
        }
        return true;
    }

    private static String checkedName(String text, int from, int to) {
        String host = text.substring(from, to);
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_')) throw new IllegalArgumentException("not a host name: " + host);
        }
        return host;
    }

    /** The first {@code c} in {@code text[from, to)}, or -1: a search that stops at the end of the field. */
    private static int find(String text, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == c) return i;
        }
        return -1;
    }

    /** The decimal number {@code text[from, to)}: digits only. */
    private static long number(String text, int from, int to) {
        if (from >= to || to - from > 18) throw new IllegalArgumentException("not a number: " + text.substring(from, Math.max(from, to)));
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') throw new IllegalArgumentException("not a number: " + text.substring(from, to));
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
