package org.wirelog.socks;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.time.Instant;
import org.wirelog.model.Command;
import org.wirelog.model.EndReason;
import org.wirelog.model.Endpoint;
import org.wirelog.model.Identity;
import org.wirelog.model.LinkCounters;
import org.wirelog.model.Session;
import org.wirelog.model.Traffic;
import org.wirelog.model.Verdict;
import org.wirelog.relay.IoErrors;
import org.wirelog.relay.UdpRelay;

/**
 * UDP ASSOCIATE: a UDP socket on the internal address for the client (PROXY-INTUDP), the reply that names it,
 * then datagrams relayed until the TCP control connection ends (REPORT 4.9-4.13):
 * <pre>
 * pass(1): udp/udpassociate [: CLIENT-UDP PROXY-INTUDP
 * pass(1): udp/udpassociate ]: 14/1 -> CLIENT-UDP PROXY-INTUDP -> 14/1, 4/1 -> PROXY-EXT TARGET -> 4/1: local client closed.  Session duration: 0s
 * </pre>
 * TARGET on the closing line is 0.0.0.0.0 when the client sent to several targets.
 */
final class UdpAssociateCommand {

    private UdpAssociateCommand() {
    }

    /**
     * The request as its socks rule sees and a refusal logs it: {@code block(1): udp/udpassociate ]: CLIENT-UDP 0.0.0.0.0},
     * CLIENT-UDP being the address the client announced (DST.ADDR/DST.PORT).
     */
    static Session requested(Endpoint announced, Identity identity, Verdict verdict, Instant begin) {
        Endpoint clientUdp = identity == null ? announced : announced.withIdentity(identity);
        return new Session(Session.nextId(), Command.UDPASSOCIATE.protocol(), Command.UDPASSOCIATE, verdict, clientUdp,
                Endpoint.UNSET, null, null, null, null, begin);
    }

    static Outcome run(RequestContext request) {
        Session requested = request.session();
        InetSocketAddress control;
        InetSocketAddress client;
        DatagramChannel internal;
        try {
            control = (InetSocketAddress) request.client().getLocalAddress();
            client = (InetSocketAddress) request.client().getRemoteAddress();
            internal = DatagramChannel.open(control.getAddress() instanceof Inet4Address
                    ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
            internal.bind(new InetSocketAddress(control.getAddress(), 0));
        } catch (IOException e) {
            String text = "could not create the UDP relay socket: " + IoErrors.describe(e);
            request.log().refused(request.rule(), requested.withVerdict(requested.verdict().failed()), text);
            request.reply(Reply.GENERAL_FAILURE, requested.client());
            return new Outcome.Refused("request was not performed due to error: " + text);
        }
        Session association;
        try {
            association = new Session(requested.id(), requested.protocol(), Command.UDPASSOCIATE, requested.verdict(),
                    requested.client(), Endpoint.of((InetSocketAddress) internal.getLocalAddress()), null, null, null,
                    null, requested.begin());
        } catch (IOException e) {
            closeQuietly(internal);
            throw new IllegalStateException("a bound socket has no address", e);
        }
        request.log().opened(request.rule(), association);
        UdpAssociation datagrams = new UdpAssociation(request, association, expectedAddress(requested.client(), client),
                requested.client().isResolved() ? requested.client().port() : 0);
        UdpRelay relay = new UdpRelay(request.client(), internal, datagrams, request.settings().timeouts().ioUdp(),
                request.active().datagramLatency());
        EndReason reason;
        // Registered before the reply: a status dump the client asks for once it has the reply shows the association.
        try (var registration = request.active().register(association.id(), () -> asSeenNow(association, datagrams, relay), relay)) {
            if (!request.reply(Reply.SUCCEEDED, association.internal())) {
                closeQuietly(internal);
                EndReason gone = EndReason.error(EndReason.Kind.CLIENT_ERROR, "Broken pipe");
                Traffic none = new Traffic(LinkCounters.ZERO, null);
                request.log().closed(request.rule(), association, none, gone);
                return new Outcome.Ended(none, gone);
            }
            reason = relay.run();
        }
        Traffic traffic = relay.traffic();
        request.log().closed(request.rule(), asSeenNow(association, datagrams, relay), traffic, reason);
        return new Outcome.Ended(traffic, reason);
    }

    /**
     * The association with what its relay has learned, for the closing line and the status dump: CLIENT-UDP as
     * datagrams come from it, and once one went out PROXY-EXT and TARGET (0.0.0.0.0 for several targets).
     */
    private static Session asSeenNow(Session association, UdpAssociation datagrams, UdpRelay relay) {
        Session seen = association.withClient(datagrams.clientUdp(relay.clientAddress()));
        InetSocketAddress external = relay.externalAddress();
        if (external == null) return seen;
        InetSocketAddress target = relay.soleTarget();
        return seen.withDestination(Endpoint.of(external), target == null ? Endpoint.UNSET : Endpoint.of(target));
    }

    /**
     * Datagrams are accepted from the address the client announced; when it announced none (all zeros, as RFC 1928
     * allows), from the address of its TCP connection.
     */
    private static InetAddress expectedAddress(Endpoint announced, InetSocketAddress client) {
        if (announced.isResolved() && !announced.address().isAnyLocalAddress()) return announced.address();
        return client.getAddress();
    }

    private static void closeQuietly(DatagramChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // best effort
        }
    }
}
