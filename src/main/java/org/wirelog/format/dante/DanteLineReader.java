package org.wirelog.format.dante;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.wirelog.model.Command;
import org.wirelog.model.Endpoint;
import org.wirelog.model.Identity;
import org.wirelog.model.LinkCounters;
import org.wirelog.model.Protocol;
import org.wirelog.model.Verdict;

/**
 * Takes a Dante traffic message (the part after {@code level: }) apart, as real Dante 1.4.2 and
 * {@link DanteFormat} write it. Hand-written rather than one regular expression: it runs once per line of
 * logs of millions of lines.
 */
public final class DanteLineReader {

    private DanteLineReader() {
    }

    /** A cheap test: does the message start like a traffic line ({@code pass(} or {@code block(})? */
    public static boolean looksLikeTraffic(String message) {
        return message.startsWith("pass(") || message.startsWith("block(");
    }

    /** @throws IllegalArgumentException saying what in the message is not Dante's traffic line */
    public static DanteLine read(String message) {
        int close = message.indexOf("): ");
        if (!looksLikeTraffic(message) || close < 0) throw new IllegalArgumentException("not a Dante traffic line");
        boolean pass = message.startsWith("pass(");
        int rule = Integer.parseInt(message.substring(pass ? 5 : 6, close));
        int slash = message.indexOf('/', close + 3);
        int space = message.indexOf(' ', close + 3);
        if (slash < 0 || space < slash) throw new IllegalArgumentException("no PROTO/CMD");
        Protocol protocol = protocol(message.substring(close + 3, slash));
        Command command = command(message.substring(slash + 1, space));
        DanteLine.Marker marker = marker(message, space + 1);
        String body = message.substring(Math.min(space + 4, message.length()));

        String detail = null;
        int colon = body.indexOf(": ");
        if (colon >= 0) {
            detail = body.substring(colon + 2);
            body = body.substring(0, colon);
        }
        long length = -1;
        if (marker == DanteLine.Marker.TRANSFER && body.endsWith(")")) {
            int open = body.lastIndexOf(" (");
            if (open < 0) throw new IllegalArgumentException("unbalanced (n)");
            length = Long.parseLong(body.substring(open + 2, body.length() - 1));
            body = body.substring(0, open);
        }
        List<LinkCounters> counters = new ArrayList<>(2);
        List<DanteLine.Group> groups = marker == DanteLine.Marker.CLOSED && startsWithCount(body)
                ? countedGroups(body, counters) : groups(body);
        if (groups.size() > 2) throw new IllegalArgumentException("more than two endpoint groups");
        return new DanteLine(new Verdict(pass, rule), protocol, command, marker, groups.get(0),
                groups.size() > 1 ? groups.get(1) : null, List.copyOf(counters), length, detail);
    }

    private static Protocol protocol(String word) {
        try {
            return Protocol.valueOf(word.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown protocol " + word);
        }
    }

    private static Command command(String word) {
        try {
            return Command.valueOf(word.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown command " + word);
        }
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

    /** {@code 7 -> ...}: a closing line with counters starts with a number followed by {@code " -> "}. */
    private static boolean startsWithCount(String body) {
        int i = 0;
        while (i < body.length() && (Character.isDigit(body.charAt(i)) || body.charAt(i) == '/')) i++;
        return i > 0 && body.startsWith(" -> ", i);
    }

    /** {@code W -> A B -> R[, W -> C D -> R]}; the accept line's {@code W -> A B -> W2} is one group. */
    private static List<DanteLine.Group> countedGroups(String body, List<LinkCounters> counters) {
        List<DanteLine.Group> groups = new ArrayList<>(2);
        for (String part : body.split(", ")) {
            int first = part.indexOf(" -> ");
            int last = part.lastIndexOf(" -> ");
            if (first < 0 || first == last) throw new IllegalArgumentException("counter without endpoints: " + part);
            long[] written = count(part.substring(0, first));
            long[] read = count(part.substring(last + 4));
            counters.add(new LinkCounters(written[0], read[0], written[1], read[1]));
            groups.add(endpoints(part.substring(first + 4, last)));
        }
        return groups;
    }

    /** {@code bytes} or {@code bytes/packets}. */
    private static long[] count(String text) {
        int slash = text.indexOf('/');
        return slash < 0 ? new long[] {Long.parseLong(text), 0}
                : new long[] {Long.parseLong(text.substring(0, slash)), Long.parseLong(text.substring(slash + 1))};
    }

    private static List<DanteLine.Group> groups(String body) {
        List<DanteLine.Group> groups = new ArrayList<>(2);
        int from = 0;
        while (true) {
            int arrow = body.indexOf(" -> ", from);
            groups.add(endpoints(body.substring(from, arrow < 0 ? body.length() : arrow)));
            if (arrow < 0) return groups;
            from = arrow + 4;
        }
    }

    private static DanteLine.Group endpoints(String group) {
        List<Endpoint> out = new ArrayList<>(4);
        int bracketed = -1;
        for (String token : group.split(" ")) {
            if (token.isEmpty()) continue;
            if (token.startsWith("[") && token.endsWith("]")) {
                bracketed = out.size();
                token = token.substring(1, token.length() - 1);
            }
            out.add(endpoint(token));
        }
        if (out.isEmpty()) throw new IllegalArgumentException("empty endpoint group");
        return new DanteLine.Group(List.copyOf(out), bracketed);
    }

    /** {@code [method%user@]host.port}, the host an IPv4 or IPv6 literal or a name. */
    public static Endpoint endpoint(String token) {
        Identity identity = null;
        int percent = token.indexOf('%');
        int at = token.lastIndexOf('@');
        if (percent > 0 && at > percent) {
            identity = new Identity(token.substring(0, percent), token.substring(percent + 1, at));
            token = token.substring(at + 1);
        }
        int dot = token.lastIndexOf('.');
        if (dot <= 0 || dot == token.length() - 1) throw new IllegalArgumentException("not an endpoint: " + token);
        int port = Integer.parseInt(token.substring(dot + 1));
        String host = token.substring(0, dot);
        Endpoint endpoint = isLiteral(host) ? Endpoint.of(InetAddress.ofLiteral(host), port) : Endpoint.unresolved(checkedName(host), port);
        return identity == null ? endpoint : endpoint.withIdentity(identity);
    }

    private static boolean isLiteral(String host) {
        if (host.indexOf(':') >= 0) return true;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) return false;
        }
        return true;
    }

    private static String checkedName(String host) {
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_')) throw new IllegalArgumentException("not a host name: " + host);
        }
        return host;
    }
}
