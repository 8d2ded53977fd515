package org.wirelog.format.json;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import org.wirelog.model.Endpoint;
import org.wirelog.model.LinkCounters;
import org.wirelog.model.Session;

/** The JSON shape of the model's parts, shared by the JSON-lines log and the reader's JSON output. */
public final class SessionJson {

    /**
     * RFC 3339 in UTC with always six fractional digits ({@code 2026-11-23T12:03:30.250000Z}): one width for
     * every line, and the microseconds captures and conntrack stamp with.
     */
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder().appendInstant(6).toFormatter();

    private SessionJson() {
    }

    public static String time(Instant instant) {
        return instant == null ? null : TIME.format(instant);
    }

    /** protocol, command, verdict and the endpoint chain of a session, put into {@code json}. */
    public static Json session(Json json, Session s) {
        return chain(kind(json, s), s);
    }

    /** protocol, command, verdict (pass or block) and the number of the rule that decided it. */
    public static Json kind(Json json, Session s) {
        return json.put("protocol", s.protocol().word()).put("command", s.command().word())
                .put("verdict", s.verdict().pass() ? "pass" : "block").put("rule", s.verdict().rule());
    }

    /** The endpoints, from client to target. */
    public static Json chain(Json json, Session s) {
        return json.put("client", endpoint(s.client())).put("internal", endpoint(s.internal())).put("external", endpoint(s.external()))
                .put("nextProxy", endpoint(s.nextProxy())).put("lastProxy", endpoint(s.lastProxy())).put("target", endpoint(s.target()));
    }

    public static Json endpoint(Endpoint e) {
        if (e == null) return null;
        Json json = new Json().put("host", e.host()).put("port", e.port());
        if (e.identity() != null) json.put("method", e.identity().method()).put("user", e.identity().user());
        return json;
    }

    /** Bytes each way, and packets each way where the link counts them (udp, NAT flows): none counted is none shown. */
    public static Json counters(LinkCounters c) {
        boolean packets = c.packetsWritten() != 0 || c.packetsRead() != 0;
        return new Json().put("written", c.written()).put("read", c.read())
                .put("packetsWritten", packets ? c.packetsWritten() : null).put("packetsRead", packets ? c.packetsRead() : null);
    }
}
