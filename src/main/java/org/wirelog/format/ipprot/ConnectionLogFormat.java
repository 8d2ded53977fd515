package org.wirelog.format.ipprot;

import java.time.ZoneId;
import java.util.function.Function;
import org.wirelog.format.dante.Vis;
import org.wirelog.model.Event;
import org.wirelog.model.Session;
import org.wirelog.output.EventFormat;

/**
 * ipprotd's connection log (-c/-C): one entry per connection, written when it closes (or is refused),
 * from the {@code %} template. Other events are not shown.
 */
public final class ConnectionLogFormat implements EventFormat {

    private final Template template;
    private final ZoneId zone;
    private final Function<Session, String> dataFile;

    /** @param dataFile the data log file (-f) of a connection that was let through; returns null without -f */
    public ConnectionLogFormat(Template template, ZoneId zone, Function<Session, String> dataFile) {
        this.template = template;
        this.zone = zone;
        this.dataFile = dataFile;
    }

    @Override
    public String message(Event event) {
        ConnectionEntry entry = ConnectionEntry.of(event, zone, dataFile);
        // A refusal's reason may quote what a peer sent: no peer may break the line.
        return entry == null ? null : Vis.controls(template.render(entry));
    }
}
