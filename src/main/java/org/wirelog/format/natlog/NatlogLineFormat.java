package org.wirelog.format.natlog;

import java.time.ZoneId;
import org.wirelog.model.Command;
import org.wirelog.model.Endpoint;
import org.wirelog.model.Event;
import org.wirelog.model.Event.Notice;
import org.wirelog.model.Event.SessionClosed;
import org.wirelog.model.Protocol;
import org.wirelog.output.EventFormat;

/**
 * natlog's connection line, exactly as natlog 3.00.01 writes it to stdout, a {@code --log} file or syslog:
 * <pre>
 * from 1795434964:086668 thru 1795434964:087221:  tcp 192.168.077.002,41001 (via: 010.077.000.001,41001) to 010.077.000.002,8000;  sent:        420, received:       2216
 * </pre>
 * Status notices ({@code processing: tcp}) are written as they are. Other events are not shown.
 */
public final class NatlogLineFormat implements EventFormat {

    private final TimeStyle time;
    private final ZoneId zone;
    private final Columns columns;

    public NatlogLineFormat(TimeStyle time, ZoneId zone, Columns columns) {
        this.time = time;
        this.zone = zone;
        this.columns = columns;
    }

    @Override
    public String message(Event event) {
        // instanceof, not a pattern switch: that is a method-handle call per line until the JIT's last tier
        if (event instanceof SessionClosed closed) return closed.session().command() == Command.NAT ? line(NatlogFields.of(closed)) : null;
        return event instanceof Notice notice ? notice.text() : null;
    }

    public String line(NatlogFields f) {
        // bytes appended piece by piece, without a string per field: in tcpdump mode this runs for every
        // one of hundreds of thousands of flows, and was the log writer's main cost
        boolean icmp = f.protocol() == Protocol.ICMP;
        LineBuffer out = new LineBuffer(180).append("from ");
        time.appendTo(out, f.begin(), zone).append(" thru ");
        time.appendTo(out, f.end(), zone);
        if (time == TimeStyle.UTC) out.append(" (UTC)");
        out.append(": ").appendRight(f.protocol().word(), 4).append(' ');
        endpoint(out, f.source(), "", 5, icmp);
        if (columns.via()) endpoint(out.append(" (via: "), f.via(), ")", 6, icmp);
        if (columns.destination()) endpoint(out.append(" to "), f.destination(), ";", 6, icmp);
        if (columns.bytes()) {
            out.append(" sent: ").appendPadded(f.sent(), 10, ' ');
            out.append(", received: ").appendPadded(f.received(), 10, ' ');
        }
        return out.append(f.status().marker()).toString();
    }

    /** IP, then {@code ,PORT} and the closing mark left-aligned in {@code width}; icmp has no port, only blanks. */
    private static void endpoint(LineBuffer out, Endpoint endpoint, String close, int width, boolean icmp) {
        NatlogFields.appendPaddedIp(out, endpoint);
        if (icmp) {
            out.append(close).append("      ");
        } else {
            int start = out.append(',').length();
            out.append(endpoint.port()).append(close).padFrom(start, width);
        }
    }
}
