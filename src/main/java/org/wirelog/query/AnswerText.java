package org.wirelog.query;

import java.util.List;
import org.wirelog.format.json.Json;
import org.wirelog.model.Endpoint;
import org.wirelog.model.Identity;
import org.wirelog.read.Record.Connection;
import org.wirelog.read.Record.PacketSeen;

/** An answer of {@link Who} for a reader: each chain indented hop by hop, and as JSON. */
public final class AnswerText {

    private AnswerText() {
    }

    public static String text(Who.Answer answer) {
        StringBuilder out = new StringBuilder();
        out.append(answer.endpoint()).append(" at ").append(answer.at()).append(" (window ").append(answer.window().toSeconds())
                .append("s): ");
        if (answer.chains().isEmpty() && answer.packets().isEmpty()) return out.append("no connection found\n").toString();
        out.append(answer.chains().size()).append(answer.chains().size() == 1 ? " connection" : " connections").append('\n');
        for (Attribution chain : answer.chains()) hop(out, chain, 1, null);
        for (PacketSeen p : answer.packets()) {
            var packet = p.entry().packet();
            out.append("  packet ").append(p.kind().word()).append(' ').append(packet.protocol()).append(' ')
                    .append(packet.ip().source().getHostAddress()).append(port(packet.sourcePort())).append(" -> ")
                    .append(packet.ip().destination().getHostAddress()).append(port(packet.destinationPort()))
                    .append(" at ").append(p.time()).append("  [").append(p.origin()).append("]\n");
        }
        return out.toString();
    }

    /**
     * @param user the user an outer hop authenticated, or null: a forwarder in front of a SOCKS server passes the
     *             negotiation through, so the client it names is the one the server's user logged in from
     */
    private static void hop(StringBuilder out, Attribution a, int depth, Identity user) {
        Connection c = a.connection();
        var s = c.session();
        out.append("  ".repeat(depth)).append(depth == 1 ? "" : "<- ").append(c.kind().word()).append(' ')
                .append(s.protocol().word()).append('/').append(s.command().word()).append(' ')
                .append(show(s.client()));
        if (s.client().identity() != null) out.append(" user ").append(s.client().identity().user())
                .append(" (").append(s.client().identity().method()).append(')');
        if (s.internal() != null && !s.internal().equals(Endpoint.UNSET)) out.append(" -> ").append(show(s.internal()));
        out.append(" | ").append(show(s.external())).append(" -> ").append(show(s.target()));
        out.append(", ").append(c.begin() == null ? "?" : c.begin()).append(" .. ").append(c.end() == null ? "open" : c.end());
        if (c.status() != null) out.append(", ").append(c.status());
        out.append("  [").append(c.origin()).append("]\n");
        Identity known = s.client().identity() != null ? s.client().identity() : user;
        if (a.inside().isEmpty() && depth > 0) {
            out.append("  ".repeat(depth + 1)).append("= client ").append(show(s.client()));
            if (known != null) out.append(", user ").append(known.user());
            out.append('\n');
        }
        for (Attribution inner : a.inside()) hop(out, inner, depth + 1, known);
    }

    private static String show(Endpoint e) {
        if (e == null) return "-";
        String host = e.host();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + e.port();
    }

    private static String port(Integer port) {
        return port == null ? "" : ":" + port;
    }

    /** The answer as one JSON object: each chain nested through {@code inside}. */
    public static String json(Who.Answer answer) {
        return new Json().put("endpoint", answer.endpoint().toString()).put("at", answer.at().toString())
                .put("windowSeconds", answer.window().toSeconds())
                .put("chains", answer.chains().stream().map(AnswerText::chain).toList())
                .put("packets", answer.packets().stream().map(RecordJson::of).toList()).toString();
    }

    private static Json chain(Attribution a) {
        Json json = RecordJson.of(a.connection());
        List<Json> inside = a.inside().stream().map(AnswerText::chain).toList();
        return inside.isEmpty() ? json : json.put("inside", inside);
    }
}
