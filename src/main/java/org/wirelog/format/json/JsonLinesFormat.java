package org.wirelog.format.json;

import java.time.Duration;
import org.wirelog.format.dante.Vis;
import org.wirelog.model.Direction;
import org.wirelog.model.Event;
import org.wirelog.model.Event.DataTransferred;
import org.wirelog.model.Event.Notice;
import org.wirelog.model.Event.SessionClosed;
import org.wirelog.model.Event.SessionOpened;
import org.wirelog.model.Event.SessionRefused;
import org.wirelog.model.Session;
import org.wirelog.model.Traffic;
import org.wirelog.output.EventFormat;

/**
 * One JSON object per event, one per line, for shippers (Vector, Filebeat, Loki), the same in every mode.
 * Times are RFC 3339 in UTC with microseconds. Member names are stable (docs/json.md has the table):
 * {@code time}, {@code event} (open, io, close, refused, notice), then for session events {@code session} (an id
 * shared by the events of one session), {@code protocol}, {@code command}, {@code verdict}, {@code rule} and
 * the endpoints from {@code client} to {@code target}, and per event {@code direction}/{@code bytes}/{@code data},
 * {@code begin}/{@code clientLink}/{@code targetLink}/{@code reason}/{@code seconds}; a notice has {@code level}
 * and {@code text}.
 */
public final class JsonLinesFormat implements EventFormat {

    @Override
    public String message(Event event) {
        Json json = new Json().put("time", SessionJson.time(event.time()));
        return switch (event) {
            case SessionOpened opened -> session(json, "open", opened.session()).toString();
            case DataTransferred io -> session(json, "io", io.session())
                    .put("direction", io.direction() == Direction.FROM_CLIENT ? "fromClient" : "fromTarget")
                    .put("bytes", io.length() < 0 ? null : io.length()).put("error", io.error())
                    .put("data", io.data() == null ? null : Vis.encode(io.data())).toString();
            case SessionClosed closed -> {
                session(json, "close", closed.session()).put("begin", SessionJson.time(closed.session().begin()));
                links(json, closed.traffic());
                yield json.put("reason", closed.reason() == null ? null : closed.reason().text())
                        .put("seconds", Duration.between(closed.session().begin(), closed.time()).toMillis() / 1000.0).toString();
            }
            case SessionRefused refused -> session(json, "refused", refused.session()).put("reason", refused.reason()).toString();
            case Notice notice -> json.put("event", "notice").put("level", notice.level().word()).put("text", notice.text()).toString();
        };
    }

    private static Json session(Json json, String kind, Session session) {
        return SessionJson.session(json.put("event", kind).put("session", session.id()), session);
    }

    private static void links(Json json, Traffic traffic) {
        if (traffic == null) return;
        json.put("clientLink", SessionJson.counters(traffic.client()));
        if (traffic.target() != null) json.put("targetLink", SessionJson.counters(traffic.target()));
    }
}
