package org.wirelog.socks;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.wirelog.model.Command;
import org.wirelog.model.Direction;
import org.wirelog.model.Endpoint;
import org.wirelog.model.Identity;
import org.wirelog.model.Session;
import org.wirelog.model.Verdict;
import org.wirelog.relay.RelayListener;
import org.wirelog.relay.UdpRelay;
import org.wirelog.rules.Rule;
import org.wirelog.socks.limit.RefusalLines;
import org.wirelog.socks.limit.RuleLimiter;

/**
 * What each datagram of one UDP association means: whether it comes from the client, where its header sends it,
 * what the socks rules say about it (and about each reply), and its log line, in Dante's words (REPORT 4.10-4.13):
 * <pre>
 * pass(N): udp/udpassociate -: CLIENT-UDP PROXY-INTUDP -> PROXY-EXT TARGET (n)
 * block(N): udp/udpassociate -: CLIENT-UDP PROXY-INTUDP -> 0.0.0.0.0 TARGET
 * pass(N): udp/udpreply -: TARGET PROXY-EXT -> PROXY-INTUDP CLIENT-UDP (n)
 * block(N): udp/udpreply -: TARGET PROXY-EXT -> PROXY-INTUDP CLIENT-UDP
 * </pre>
 */
final class UdpAssociation implements UdpRelay.Handler {

    private static final int STRANGER_LINES_PER_SECOND = 10;

    private final RequestContext request;
    /** The limits of the rule the association was admitted by: its bandwidth paces every datagram, both ways. */
    private final RuleLimiter limiter;
    /** The association as opened: CLIENT-UDP as the client announced it, PROXY-INTUDP. */
    private final Session association;
    private final Identity identity;
    /** Datagrams are taken from this address only, and from this port once it is known (0: not yet). */
    private final InetAddress clientAddress;
    private volatile int clientPort;
    /** A flood of datagrams from strangers costs a counter each, and the log a few lines a second. */
    private final RefusalLines strangerLines = new RefusalLines(STRANGER_LINES_PER_SECOND);

    // The client direction's memory of its last datagram: the rule for its target, and the line's session; and the
    // header bytes that named it, when that was an address (not a hostname, which is looked up each time): a
    // datagram with the same header goes where the last one went without parsing it again.
    private final byte[] lastHeaderBytes = new byte[UdpRelay.HEADROOM];
    private int lastHeaderLength;
    private Endpoint lastAsked;
    private InetSocketAddress lastTarget;
    private Rule lastRule;
    private Session lastSent;
    private RelayListener lastSentLog;

    // The reply direction's memory of its last sender: its rule, header, line and where the line goes.
    private InetSocketAddress lastSource;
    private InetSocketAddress lastExternal;
    private Optional<Rule> lastReplyRule;
    private byte[] lastHeader;
    private Session lastReply;
    private RelayListener lastReplyLog;

    UdpAssociation(RequestContext request, Session association, InetAddress clientAddress, int clientPort) {
        this.request = request;
        this.limiter = request.settings().limiters().of(request.rule());
        this.association = association;
        this.identity = association.client().identity();
        this.clientAddress = clientAddress;
        this.clientPort = clientPort;
    }

    /** CLIENT-UDP: where datagrams come from once one did, else what the client announced. */
    Endpoint clientUdp(InetSocketAddress learned) {
        return learned == null ? association.client() : endpoint(learned);
    }

    @Override
    public InetSocketAddress outbound(ByteBuffer datagram, InetSocketAddress source) {
        if (!source.getAddress().equals(clientAddress) || (clientPort != 0 && source.getPort() != clientPort)) {
            if (strangerLines.line(this::strangersSummedUp)) {
                String expected = clientAddress.getHostAddress() + (clientPort == 0 ? "" : "." + clientPort);
                drop(endpoint(source), "datagram from " + endpoint(source) + " dropped: this association is for " + expected);
            }
            return null;
        }
        if (lastHeaderLength > 0 && source.getPort() == clientPort && lastRule != null && lastRule.pass()
                && UdpHeader.skipIfSame(datagram, lastHeaderBytes, lastHeaderLength)) {
            return lastTarget;
        }
        Endpoint client = endpoint(source);
        int start = datagram.position();
        UdpHeader.Parsed parsed = UdpHeader.parse(datagram);
        if (parsed instanceof UdpHeader.Malformed(String reason)) {
            drop(client, reason);
            return null;
        }
        Endpoint asked = ((UdpHeader.Destination) parsed).target();
        if (!asked.equals(lastAsked) || !asked.isResolved()) {
            if (!decide(client, asked)) return null;
            if (asked.isResolved()) {
                lastHeaderLength = datagram.position() - start;
                datagram.get(start, lastHeaderBytes, 0, lastHeaderLength);
            }
        }
        if (lastRule == null) {
            blocked(client, Verdict.DEFAULT_BLOCK, request.rule());
            return null;
        }
        if (!lastRule.pass()) {
            blocked(client, lastRule.verdict(), lastRule);
            return null;
        }
        if (clientPort != source.getPort()) clientPort = source.getPort();
        return lastTarget;
    }

    /** Resolves the datagram's target and finds its socks rule; false (after logging why) if it cannot go. */
    private boolean decide(Endpoint client, Endpoint asked) {
        lastAsked = null;
        lastHeaderLength = 0;
        Endpoint target;
        try {
            target = asked.isResolved() ? asked : asked.withAddress(InetAddress.getByName(asked.hostname()));
        } catch (UnknownHostException e) {
            drop(client, "could not resolve hostname \"" + asked.hostname() + "\": Name or service not known");
            return false;
        }
        if (request.settings().externals().forTarget(target.address()) == null) {
            String family = target.isIpv6() ? "IPv6" : "IPv4";
            drop(client, "send to " + family + " address requested, but no " + family
                    + " address configured for our usage on the external interface");
            return false;
        }
        lastAsked = asked;
        lastTarget = new InetSocketAddress(target.address(), target.port());
        lastRule = request.settings().rules()
                .matchSocks(request.ruleRequest(withIdentity(client), target, Command.UDPASSOCIATE)).orElse(null);
        lastSent = null;
        return true;
    }

    @Override
    public InetAddress externalFor(InetAddress target) {
        return request.settings().externals().forTarget(target);
    }

    @Override
    public void sending(InetSocketAddress external, InetSocketAddress target, ByteBuffer payload) {
        if (lastSent == null || !lastSent.external().address().equals(external.getAddress())
                || lastSent.external().port() != external.getPort()) {
            lastSent = datagramSession(lastRule.verdict(), clientUdp(currentClient()), Endpoint.of(external), Endpoint.of(target));
            lastSentLog = limiter.paced(request.log().io(lastRule, lastSent));
        }
        tell(lastSentLog, Direction.FROM_CLIENT, payload);
    }

    @Override
    public byte[] inbound(ByteBuffer payload, InetSocketAddress source, InetSocketAddress external) {
        if (!source.equals(lastSource) || !external.equals(lastExternal)) {
            Endpoint client = clientUdp(currentClient());
            lastReplyRule = request.settings().rules()
                    .matchSocks(request.ruleRequest(Endpoint.of(source), client, Command.UDPREPLY));
            lastHeader = UdpHeader.of(source);
            Rule rule = lastReplyRule.orElse(null);
            lastReply = new Session(association.id(), association.protocol(), Command.UDPREPLY,
                    rule == null ? Verdict.DEFAULT_BLOCK : rule.verdict(), client, association.internal(),
                    Endpoint.of(external), null, null, Endpoint.of(source), association.begin());
            lastReplyLog = rule != null && rule.pass() ? limiter.paced(request.log().io(rule, lastReply)) : null;
            lastSource = source;
            lastExternal = external;
        }
        if (lastReplyLog == null) {
            request.log().dropped(lastReplyRule.orElse(request.rule()), lastReply, Direction.FROM_TARGET, null);
            return null;
        }
        tell(lastReplyLog, Direction.FROM_TARGET, payload);
        return lastHeader;
    }

    /** A listener may read the payload, which the relay sends on after: it gets a view of its own (when it is one). */
    private static void tell(RelayListener log, Direction direction, ByteBuffer payload) {
        if (log != RelayListener.NONE) log.transferred(direction, payload.duplicate());
    }

    @Override
    public void failed(InetSocketAddress external, InetSocketAddress target, String error) {
        Rule rule = lastRule != null ? lastRule : request.rule();
        Endpoint printedTarget = target == null ? Endpoint.UNSET : Endpoint.of(target);
        Session line = datagramSession(rule.verdict().failed(), clientUdp(currentClient()),
                external == null ? Endpoint.UNSET : Endpoint.of(external), printedTarget);
        request.log().dropped(rule, line, Direction.FROM_CLIENT, error);
    }

    private void blocked(Endpoint client, Verdict verdict, Rule logging) {
        Endpoint target = Endpoint.of(lastTarget.getAddress(), lastTarget.getPort());
        request.log().dropped(logging, datagramSession(verdict, withIdentity(client), Endpoint.UNSET, target),
                Direction.FROM_CLIENT, null);
    }

    private void strangersSummedUp(long more) {
        request.log().refusalNotice(request.rule(), "udp/udpassociate " + association.client() + " " + association.internal() + ": "
                + more + " more datagram" + (more == 1 ? "" : "s") + " from strangers dropped within a second, not logged one by one");
    }

    /** A datagram that cannot be relayed at all: {@code block(0): udp/udpassociate -: SOURCE PROXY-INTUDP: why}. */
    private void drop(Endpoint source, String reason) {
        Session line = new Session(association.id(), association.protocol(), Command.UDPASSOCIATE, Verdict.DEFAULT_BLOCK,
                withIdentity(source), association.internal(), null, null, null, null, association.begin());
        request.log().dropped(request.rule(), line, Direction.FROM_CLIENT, reason);
    }

    private Session datagramSession(Verdict verdict, Endpoint client, Endpoint external, Endpoint target) {
        return new Session(association.id(), association.protocol(), Command.UDPASSOCIATE, verdict,
                client, association.internal(), external, null, null, target, association.begin());
    }

    private InetSocketAddress currentClient() {
        return clientPort == 0 ? null : new InetSocketAddress(clientAddress, clientPort);
    }

    private Endpoint endpoint(InetSocketAddress address) {
        return withIdentity(Endpoint.of(address));
    }

    private Endpoint withIdentity(Endpoint endpoint) {
        return identity == null || endpoint.identity() != null ? endpoint : endpoint.withIdentity(identity);
    }
}
