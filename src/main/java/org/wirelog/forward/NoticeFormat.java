package org.wirelog.forward;

import org.wirelog.format.dante.Vis;
import org.wirelog.model.Event;
import org.wirelog.output.EventFormat;

/** The forwarder's own messages (errors, warnings) on stderr; sessions have their logs of their own. */
final class NoticeFormat implements EventFormat {

    @Override
    public String message(Event event) {
        return event instanceof Event.Notice notice ? "wirelog forward: " + notice.level().word() + ": " + Vis.controls(notice.text()) : null;
    }
}
