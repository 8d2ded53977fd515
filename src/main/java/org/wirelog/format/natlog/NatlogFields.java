package org.wirelog.format.natlog;

import java.net.Inet4Address;
import java.time.Instant;
import org.wirelog.model.Command;
import org.wirelog.model.EndReason;
import org.wirelog.model.Endpoint;
import org.wirelog.model.Event.SessionClosed;
import org.wirelog.model.LinkCounters;
import org.wirelog.model.Protocol;
import org.wirelog.model.Session;
import org.wirelog.model.Traffic;
import org.wirelog.model.Verdict;
import org.wirelog.packet.Ipv4Header;

/**
 * What natlog shows of a NAT translation, taken from the shared model: a {@link Session} of command
 * {@code nat} whose client is IPsrc:sport, whose external endpoint is IPfw:fwport (the "via", the
 * address the destination sees) and whose target is IPdst:dport. The source's link counters give
 * sent (read from IPsrc) and received (written to IPsrc).
 *
 * <p>Also the record a line or table row reads back into, so that each format round-trips.
 *
 * @param via the translated source, {@link Endpoint#UNSET} when it was never seen
 */
public record NatlogFields(Protocol protocol, Endpoint source, Endpoint via, Endpoint destination,
                           long sent, long received, Instant begin, Instant end, NatlogStatus status) {

    public static NatlogFields of(SessionClosed closed) {
        Session s = closed.session();
        LinkCounters client = closed.traffic() == null ? LinkCounters.ZERO : closed.traffic().client();
        return new NatlogFields(s.protocol(), s.client(), s.external() == null ? Endpoint.UNSET : s.external(),
                s.target(), client.read(), client.written(), s.begin(), closed.time(), NatlogStatus.of(closed));
    }

    /** The inverse of {@link #of}: the closed NAT session these fields show. */
    public SessionClosed closed() {
        Session session = new Session(Session.nextId(), protocol, Command.NAT, Verdict.pass(0), source, null,
                via, null, null, destination, begin);
        EndReason reason = switch (status) {
            case OK -> null;
            case EXPIRED -> EndReason.of(EndReason.Kind.IO_TIMEOUT);
            case EOP -> EndReason.of(EndReason.Kind.SHUTDOWN);
        };
        return new SessionClosed(end, session, new Traffic(LinkCounters.bytes(received, sent), LinkCounters.bytes(sent, received)), reason);
    }

    /** natlog's address form: four zero-padded 3-digit octets, {@code 010.077.000.001}. */
    static String paddedIp(Endpoint endpoint) {
        return appendPaddedIp(new LineBuffer(15), endpoint).toString();
    }

    static LineBuffer appendPaddedIp(LineBuffer out, Endpoint endpoint) {
        if (!(endpoint.address() instanceof Inet4Address v4)) return out.append(endpoint.host());
        return out.appendPaddedIp(Ipv4Header.number(v4));
    }

    /** The address as an unsigned 32-bit number in host order, as natlog's table prints it. */
    static long number(Endpoint endpoint) {
        return endpoint.address() instanceof Inet4Address v4 ? Ipv4Header.number(v4) & 0xffffffffL : 0;
    }

    static Endpoint parseEndpoint(String paddedIp, int port) {
        String[] octets = paddedIp.split("\\.");
        if (octets.length != 4) throw new IllegalArgumentException("not a natlog address: " + paddedIp);
        int ip = 0;
        for (String octet : octets) ip = ip << 8 | Integer.parseInt(octet);
        return Endpoint.of(Ipv4Header.address(ip), port);
    }
}
