package org.wirelog.query;

import org.wirelog.model.Endpoint;
import org.wirelog.read.Record;
import org.wirelog.read.Record.Connection;
import org.wirelog.read.Record.PacketSeen;

/** A record as one CSV row (RFC 4180 quoting), with the same columns whatever log it came from. */
public final class RecordCsv {

    public static final String HEADER = "log,file,line,protocol,command,verdict,begin,end,client,user,internal,external,target,"
            + "sent,received,status";

    private RecordCsv() {
    }

    public static String row(Record record) {
        return switch (record) {
            case Connection c -> {
                var s = c.session();
                var client = c.traffic() == null ? null : c.traffic().client();
                yield join(c.kind().word(), c.origin().file(), c.origin().line(), s.protocol().word(), s.command().word(),
                        s.verdict(), c.begin(), c.end(), show(s.client()),
                        s.client().identity() == null ? null : s.client().identity().user(), show(s.internal()),
                        show(s.external()), show(s.target()), client == null ? null : client.read(),
                        client == null ? null : client.written(), c.status());
            }
            case PacketSeen p -> {
                var packet = p.entry().packet();
                yield join(p.kind().word(), p.origin().file(), p.origin().line(), packet.protocol(), "packet",
                        p.entry().action(), p.time(), p.time(),
                        packet.ip().source().getHostAddress() + (packet.sourcePort() == null ? "" : ":" + packet.sourcePort()), null,
                        p.entry().in(), p.entry().out(),
                        packet.ip().destination().getHostAddress() + (packet.destinationPort() == null ? "" : ":" + packet.destinationPort()),
                        packet.ip().length(), null, p.entry().prefix());
            }
        };
    }

    private static String show(Endpoint e) {
        return e == null ? null : e.host() + ":" + e.port();
    }

    private static String join(Object... cells) {
        StringBuilder out = new StringBuilder(200);
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) out.append(',');
            if (cells[i] == null) continue;
            String text = cells[i].toString();
            if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0) {
                out.append('"').append(text.replace("\"", "\"\"")).append('"');
            } else {
                out.append(text);
            }
        }
        return out.toString();
    }
}
