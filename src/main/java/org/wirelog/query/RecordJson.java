package org.wirelog.query;

import java.time.Instant;
import org.wirelog.format.json.Json;
import org.wirelog.format.json.SessionJson;
import org.wirelog.format.packetlog.IpFields;
import org.wirelog.format.packetlog.LoggedPacket;
import org.wirelog.read.Record;
import org.wirelog.read.Record.Connection;
import org.wirelog.read.Record.PacketSeen;

/** A record as one JSON object: the same names whatever log it came from. */
public final class RecordJson {

    private RecordJson() {
    }

    public static Json of(Record record) {
        Json json = new Json().put("log", record.kind().word()).put("file", record.origin().file())
                .put("line", record.origin().line());
        return switch (record) {
            case Connection c -> connection(json, c);
            case PacketSeen p -> json.put("time", time(p.time())).put("packet", packet(p.entry().packet()))
                    .put("chain", p.entry().chain()).put("action", p.entry().action()).put("rule", p.entry().rule())
                    .put("prefix", p.entry().prefix()).put("in", p.entry().in()).put("out", p.entry().out())
                    .put("link", p.entry().link().isEmpty() ? null : map(p.entry().link()));
        };
    }

    private static Json connection(Json json, Connection c) {
        SessionJson.kind(json, c.session()).put("begin", time(c.begin())).put("end", time(c.end()));
        SessionJson.chain(json, c.session());
        if (c.traffic() != null) {
            json.put("clientLink", SessionJson.counters(c.traffic().client()));
            if (c.traffic().target() != null) json.put("targetLink", SessionJson.counters(c.traffic().target()));
        }
        return json.put("status", c.status()).put("refused", c.refused() ? true : null);
    }

    private static Json packet(LoggedPacket p) {
        IpFields ip = p.ip();
        Json json = new Json().put("src", ip.source().getHostAddress()).put("dst", ip.destination().getHostAddress())
                .put("protocol", p.protocol()).put("spt", p.sourcePort()).put("dpt", p.destinationPort())
                .put("length", ip.length()).put("tos", ip.tos()).put("precedence", ip.precedence())
                .put("trafficClass", ip.trafficClass()).put("flowLabel", ip.flowLabel()).put("ttl", ip.ttl()).put("id", ip.id())
                .put("ce", ip.congestion() ? true : null).put("df", ip.dontFragment() ? true : null)
                .put("mf", ip.moreFragments() ? true : null).put("fragmentOffset", ip.fragmentOffset() == 0 ? null : ip.fragmentOffset())
                .put("flags", p.tcpFlags().isEmpty() ? null : String.join(" ", p.tcpFlags())).put("udpLength", p.udpLength())
                .put("incomplete", p.incomplete());
        if (p.tcp() != null) {
            json.put("window", p.tcp().window()).put("res", p.tcp().reserved()).put("urgp", p.tcp().urgentPointer())
                    .put("seq", p.tcp().sequence()).put("ack", p.tcp().acknowledgement());
        }
        if (p.icmp() != null) {
            var i = p.icmp();
            json.put("icmpType", i.type()).put("icmpCode", i.code()).put("icmpId", i.id()).put("icmpSeq", i.sequence())
                    .put("mtu", i.mtu()).put("gateway", i.gateway() == null ? null : i.gateway().getHostAddress())
                    .put("parameter", i.parameter()).put("quoted", i.quoted() == null ? null : packet(i.quoted()));
        }
        return p.other().isEmpty() ? json : json.put("other", map(p.other()));
    }

    private static Json map(java.util.Map<String, String> values) {
        Json json = new Json();
        new java.util.TreeMap<>(values).forEach(json::put);
        return json;
    }

    static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
