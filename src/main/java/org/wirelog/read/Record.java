package org.wirelog.read;

import java.time.Instant;
import org.wirelog.format.packetlog.IpchainsLineReader;
import org.wirelog.format.packetlog.NetfilterLineReader;
import org.wirelog.format.packetlog.PacketLogEntry;
import org.wirelog.model.Endpoint;
import org.wirelog.model.Session;
import org.wirelog.model.Traffic;

/**
 * What every log reads back into, whatever its format: a connection (a proxy session, a forwarded
 * connection, a NAT translation) or a single packet a firewall logged.
 */
public sealed interface Record permits Record.Connection, Record.PacketSeen {

    Origin origin();

    LogKind kind();

    /** When the record begins, or null when its log gives no time. */
    Instant begin();

    /** When it ends; null when it was still open where the log ends, or the log gives no time. */
    Instant end();

    /**
     * One connection as its log showed it. Its session's chain says who is who: the client is the inside
     * end (CLIENT, IPsrc), the external endpoint is what the far side saw (PROXY-EXT, IPfw:fwport).
     *
     * @param traffic what the log counted, or null
     * @param status  how it ended, in the log's words ({@code local client closed}, {@code expired}), or null
     * @param refused the connection was refused or failed before it carried anything
     */
    record Connection(Origin origin, LogKind kind, Session session, Instant end, Traffic traffic, String status,
                      boolean refused) implements Record {

        @Override
        public Instant begin() {
            return session.begin();
        }

        /** The endpoint the other side of this hop saw as the source, or null when the log does not show it. */
        public Endpoint outside() {
            Endpoint external = session.external();
            return external == null || external.equals(Endpoint.UNSET) ? null : external;
        }

        /** The endpoint one hop further inside. */
        public Endpoint inside() {
            return session.client();
        }
    }

    /**
     * A packet a kernel firewall log showed.
     *
     * @param text the packet part of the line (no syslog head, no kernel stamp): what an index stores, as it
     *             reads back into the same entry with {@link #read}
     */
    record PacketSeen(Origin origin, LogKind kind, Instant time, PacketLogEntry entry, String text) implements Record {

        /** @throws IllegalArgumentException when the text is no packet line of that kind */
        public static PacketSeen read(Origin origin, LogKind kind, Instant time, String text) {
            PacketLogEntry entry = switch (kind) {
                case IPCHAINS -> IpchainsLineReader.read(text);
                case NETFILTER -> NetfilterLineReader.read(text);
                default -> throw new IllegalArgumentException(kind.word() + " is no packet log");
            };
            return new PacketSeen(origin, kind, time, entry, text);
        }

        @Override
        public Instant begin() {
            return time;
        }

        @Override
        public Instant end() {
            return time;
        }
    }
}
