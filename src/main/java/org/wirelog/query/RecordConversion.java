package org.wirelog.query;

import java.time.ZoneId;
import java.util.Locale;
import java.util.function.Consumer;
import org.wirelog.format.dante.DanteFormat;
import org.wirelog.format.natlog.Columns;
import org.wirelog.format.natlog.NatlogFields;
import org.wirelog.format.natlog.NatlogLineFormat;
import org.wirelog.format.natlog.TimeStyle;
import org.wirelog.model.Command;
import org.wirelog.model.Endpoint;
import org.wirelog.model.EndReason;
import org.wirelog.model.Event;
import org.wirelog.model.Session;
import org.wirelog.read.Record;
import org.wirelog.read.Record.Connection;

/**
 * Writes records in one format: JSON lines, CSV, Dante's traffic log (an opening and a closing line per
 * connection, as {@link DanteFormat} writes them) or natlog's connection line (NAT records only). A record
 * a format cannot show is counted, not written.
 */
public final class RecordConversion {

    public enum Target {
        JSON, CSV, DANTE, NATLOG;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Target target;
    private final Consumer<String> out;
    private final DanteFormat dante;
    private final NatlogLineFormat natlog;
    private long skipped;

    public RecordConversion(Target target, ZoneId zone, Consumer<String> out) {
        this.target = target;
        this.out = out;
        this.dante = new DanteFormat("wirelog", ProcessHandle.current().pid(), zone);
        this.natlog = new NatlogLineFormat(TimeStyle.RAW, zone, Columns.ALL);
    }

    public void header() {
        if (target == Target.CSV) out.accept(RecordCsv.HEADER);
    }

    public void write(Record record) {
        switch (target) {
            case JSON -> out.accept(RecordJson.of(record).toString());
            case CSV -> out.accept(RecordCsv.row(record));
            case DANTE -> dante(record);
            case NATLOG -> natlog(record);
        }
    }

    public long skipped() {
        return skipped;
    }

    private void dante(Record record) {
        if (!(record instanceof Connection c) || c.begin() == null) {
            skipped++;
            return;
        }
        Session s = c.session();
        // A NAT translation has no PROXY-INT: Dante's all-zeroes endpoint stands for it, as for any unknown one.
        Session session = s.internal() != null ? s : new Session(s.id(), s.protocol(), s.command(), s.verdict(), s.client(),
                Endpoint.UNSET, s.external(), s.nextProxy(), s.lastProxy(), s.target(), s.begin());
        if (!c.refused()) out.accept(line(new Event.SessionOpened(c.begin(), session)));
        if (c.end() == null) return;
        Event end = c.refused() ? new Event.SessionRefused(c.end(), session, c.status())
                : new Event.SessionClosed(c.end(), session, c.traffic(), reason(c.status()));
        out.accept(line(end));
    }

    private String line(Event event) {
        return dante.line(event, dante.message(event));
    }

    private void natlog(Record record) {
        if (!(record instanceof Connection c) || c.session().command() != Command.NAT || c.begin() == null || c.end() == null) {
            skipped++;
            return;
        }
        var closed = new Event.SessionClosed(c.end(), c.session(), c.traffic(), natlogReason(c.status()));
        out.accept(natlog.line(NatlogFields.of(closed)));
    }

    /** Dante's words for how it ended; natlog's eop and expired in the words of the same events. */
    private static EndReason reason(String status) {
        if (status == null) return null;
        EndReason dante = EndReason.parse(status);
        return dante != null ? dante : natlogReason(status);
    }

    private static EndReason natlogReason(String status) {
        if ("expired".equals(status)) return EndReason.of(EndReason.Kind.IO_TIMEOUT);
        if ("eop".equals(status)) return EndReason.of(EndReason.Kind.SHUTDOWN);
        return null;
    }
}
