package org.wirelog.format.natlog;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.wirelog.model.Command;
import org.wirelog.model.Endpoint;
import org.wirelog.model.Event;
import org.wirelog.model.Event.SessionClosed;
import org.wirelog.model.Protocol;
import org.wirelog.output.EventFormat;

/**
 * natlog's {@code --log-data} table: 17 right-aligned, comma-joined columns (fewer with {@code --no-bytes},
 * {@code --no-via}, {@code --no-dst}), one row per closed translation. beginTime and endTime are always
 * in UTC clock form, whatever {@code --time} says, as natlog writes them.
 */
public final class NatlogTableFormat implements EventFormat {

    enum Column {
        TYPE("type", 4), SRC_NR("srcNr", 11), SRC_IP("srcIP", 16), SRC_PORT("srcPort", 8),
        DST_NR("dstNr", 11), DST_IP("dstIP", 16), DST_PORT("dstPort", 8),
        VIA_NR("viaNr", 11), VIA_IP("viaIP", 16), VIA_PORT("viaPort", 8),
        SENT("sent", 11), RECVD("recvd", 11), BEGIN("begin", 11), END("end", 11),
        BEGIN_TIME("beginTime", 23), END_TIME("endTime", 23), STATUS("status", 11);

        final String title;
        final int width;

        Column(String title, int width) {
            this.title = title;
            this.width = width;
        }

        /** @return the column of that header title, or null */
        static Column titled(String title) {
            for (Column c : values()) if (c.title.equals(title)) return c;
            return null;
        }
    }

    private final List<Column> columns = new ArrayList<>();

    public NatlogTableFormat(Columns shown) {
        for (Column c : Column.values()) {
            boolean dst = c == Column.DST_NR || c == Column.DST_IP || c == Column.DST_PORT;
            boolean via = c == Column.VIA_NR || c == Column.VIA_IP || c == Column.VIA_PORT;
            boolean bytes = c == Column.SENT || c == Column.RECVD;
            if ((dst && !shown.destination()) || (via && !shown.via()) || (bytes && !shown.bytes())) continue;
            columns.add(c);
        }
    }

    /** The first line of a new table file. */
    public String header() {
        return join(columns.stream().map(c -> c.title).toList());
    }

    @Override
    public String message(Event event) {
        if (event instanceof SessionClosed closed && closed.session().command() == Command.NAT) {
            return row(NatlogFields.of(closed));
        }
        return null;
    }

    public String row(NatlogFields f) {
        return join(columns.stream().map(c -> cell(c, f)).toList());
    }

    private String join(List<String> cells) {
        LineBuffer out = new LineBuffer(260);
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) out.append(',');
            out.appendRight(cells.get(i), columns.get(i).width);
        }
        return out.toString();
    }

    private static String cell(Column c, NatlogFields f) {
        return switch (c) {
            case TYPE -> f.protocol().word();
            case SRC_NR -> Long.toString(NatlogFields.number(f.source()));
            case SRC_IP -> NatlogFields.paddedIp(f.source());
            case SRC_PORT -> port(f, f.source());
            case DST_NR -> Long.toString(NatlogFields.number(f.destination()));
            case DST_IP -> NatlogFields.paddedIp(f.destination());
            case DST_PORT -> port(f, f.destination());
            case VIA_NR -> Long.toString(NatlogFields.number(f.via()));
            case VIA_IP -> NatlogFields.paddedIp(f.via());
            case VIA_PORT -> port(f, f.via());
            case SENT -> Long.toString(f.sent());
            case RECVD -> Long.toString(f.received());
            case BEGIN -> Long.toString(f.begin().getEpochSecond());
            case END -> Long.toString(f.end().getEpochSecond());
            case BEGIN_TIME -> TimeStyle.clock(f.begin(), ZoneOffset.UTC);
            case END_TIME -> TimeStyle.clock(f.end(), ZoneOffset.UTC);
            case STATUS -> f.status().word();
        };
    }

    /** icmp has no ports: natlog writes 0 where the model keeps the echo identifier. */
    private static String port(NatlogFields f, Endpoint endpoint) {
        return f.protocol() == Protocol.ICMP ? "0" : Integer.toString(endpoint.port());
    }

    /** Reads a row written with all 17 columns back into its fields. */
    public static NatlogFields read(String row) {
        return NatlogTableReader.NATLOG_3.read(row);
    }
}
