package org.wirelog.format.json;

import java.time.Duration;
import org.wirelog.format.dante.Vis;
import org.wirelog.model.Event;
import org.wirelog.model.Event.DataTransferred;
import org.wirelog.model.Event.Notice;
import org.wirelog.model.Event.SessionClosed;
import org.wirelog.model.Event.SessionOpened;
import org.wirelog.model.Event.SessionRefused;
import org.wirelog.model.Traffic;
import org.wirelog.output.EventFormat;

/**
 * One JSON object per event, one per line, for shippers (Vector, Filebeat, Loki). Times are RFC 3339 (UTC);
 * member names are stable: {@code time}, {@code event} (open, io, close, refused, notice), {@code level},
 * {@code session}, the session's {@code protocol}, {@code command}, {@code verdict} and endpoints, and per event
 * {@code direction}/{@code bytes}/{@code data}, {@code clientLink}/{@code targetLink}, {@code reason},
 * {@code seconds}, {@code text}.
 */
public final class JsonLinesFormat implements EventFormat {

    @Override
    public String message(Event event) {
        Json json = new Json().put("time", event.time().toString());
        return switch (event) {
            case SessionOpened opened -> SessionJson.session(json.put("event", "open").put("session", opened.session().id()),
                    opened.session()).toString();
            case DataTransferred io -> SessionJson.session(json.put("event", "io").put("session", io.session().id()), io.session())
                    .put("direction", io.direction() == org.wirelog.model.Direction.FROM_CLIENT ? "fromClient" : "fromTarget")
                    .put("bytes", io.length() < 0 ? null : io.length()).put("error", io.error())
                    .put("data", io.data() == null ? null : Vis.encode(io.data())).toString();
            case SessionClosed closed -> {
                SessionJson.session(json.put("event", "close").put("session", closed.session().id()), closed.session());
                links(json, closed.traffic());
                yield json.put("reason", closed.reason() == null ? null : closed.reason().text())
                        .put("seconds", Duration.between(closed.session().begin(), closed.time()).toMillis() / 1000.0).toString();
            }
            case SessionRefused refused -> SessionJson.session(json.put("event", "refused").put("session", refused.session().id()),
                    refused.session()).put("reason", refused.reason()).toString();
            case Notice notice -> json.put("event", "notice").put("level", notice.level().word()).put("text", notice.text()).toString();
        };
    }

    private static void links(Json json, Traffic traffic) {
        if (traffic == null) return;
        json.put("clientLink", SessionJson.counters(traffic.client()));
        if (traffic.target() != null) json.put("targetLink", SessionJson.counters(traffic.target()));
    }
}
