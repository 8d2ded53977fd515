package org.wirelog.socks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import java.util.function.Supplier;
import org.wirelog.model.Command;
import org.wirelog.model.EndReason;
import org.wirelog.model.Endpoint;
import org.wirelog.model.Session;
import org.wirelog.model.TcpInfo;
import org.wirelog.model.Traffic;
import org.wirelog.model.Verdict;
import org.wirelog.relay.IoErrors;
import org.wirelog.relay.RelayListener;
import org.wirelog.relay.TcpRelay;
import org.wirelog.rules.LogKeyword;
import org.wirelog.rules.Rule;

/**
 * BIND: listen on the external side, tell the client where (first reply), take the one connection from the
 * expected host, check it against the {@code bindreply} rules, tell the client who came (second reply), and relay
 * (REPORT 4.2-4.4):
 * <pre>
 * pass(2): tcp/bind [: CLIENT PROXY-INT -> PROXY-EXT TARGET
 * pass(1): tcp/bindreply [: REMOTE PROXY-EXT -> PROXY-INT CLIENT
 * pass(1): tcp/bindreply ]: 8 -> REMOTE PROXY-EXT -> 4, 4 -> PROXY-INT CLIENT -> 8: remote peer closed.  Session duration: 1s
 * pass(2): tcp/bind ]: CLIENT PROXY-INT -> PROXY-EXT TARGET
 * </pre>
 * TARGET is the address the client named (port 0: any port; 0.0.0.0: any host). The bindreply session runs from
 * the remote host to the client, so "remote peer closed" there means the client closed first, as in Dante.
 */
final class BindCommand {

    private BindCommand() {
    }

    static Outcome run(RequestContext request) {
        Session requested = request.session();
        Endpoint expected = requested.target();
        InetAddress expectedAddress;
        try {
            expectedAddress = expected.isResolved() ? expected.address() : InetAddress.getByName(expected.hostname());
        } catch (UnknownHostException e) {
            String text = "could not resolve hostname \"" + expected.hostname() + "\": Name or service not known";
            return refuse(request, requested.withoutDestination(), text, Reply.HOST_UNREACHABLE, expected);
        }
        InetAddress external = request.settings().externals().forTarget(expectedAddress);
        if (external == null) {
            String family = expected.isIpv6() ? "IPv6" : "IPv4";
            String text = "bind for " + family + " address requested, but no " + family
                    + " address configured for our usage on the external interface";
            return refuse(request, requested.withoutDestination(), text, Reply.ADDRESS_TYPE_NOT_SUPPORTED, expected);
        }
        ServerSocketChannel listener;
        Endpoint proxyExternal;
        try {
            listener = ServerSocketChannel.open();
            listener.bind(new InetSocketAddress(external, 0), 1);
            proxyExternal = Endpoint.of((InetSocketAddress) listener.getLocalAddress());
        } catch (IOException e) {
            String text = "bind(2) of " + external.getHostAddress() + ".0 failed: " + IoErrors.describe(e);
            return refuse(request, requested.withoutDestination(), text, Reply.GENERAL_FAILURE, expected);
        }
        Session bound = requested.withDestination(proxyExternal, expected.withAddress(expectedAddress));
        request.log().opened(request.rule(), bound);
        if (!request.reply(Reply.SUCCEEDED, reachable(proxyExternal, requested.internal()))) {
            closeQuietly(listener);
            EndReason gone = EndReason.error(EndReason.Kind.CLIENT_ERROR, "Broken pipe");
            request.log().closed(request.rule(), bound, null, null);
            return new Outcome.Ended(Traffic.ZERO, gone);
        }
        BindWait.Result waited = BindWait.await(listener, request.client(), request.leftover());
        closeQuietly(listener);
        return switch (waited) {
            case BindWait.ClientLeft left -> {
                request.log().closed(request.rule(), bound, null, null);
                yield new Outcome.Ended(Traffic.ZERO, left.reason());
            }
            case BindWait.Arrived arrived -> answer(request, bound, arrived);
        };
    }

    /** The peer has come: is it the one expected, and do the bindreply rules let it through? */
    private static Outcome answer(RequestContext request, Session bound, BindWait.Arrived arrived) {
        SocketChannel peer = arrived.peer();
        Endpoint remote;
        try {
            remote = Endpoint.of((InetSocketAddress) peer.getRemoteAddress());
        } catch (IOException e) {
            closeQuietly(peer);
            request.log().closed(request.rule(), bound, null, null);
            return new Outcome.Ended(Traffic.ZERO, EndReason.error(EndReason.Kind.TARGET_ERROR, IoErrors.describe(e)));
        }
        Session reply = new Session(bound.id(), bound.protocol(), Command.BINDREPLY, Verdict.DEFAULT_BLOCK, remote,
                bound.external(), bound.internal(), null, null, bound.client(), bound.begin());
        Endpoint expected = bound.target();
        if (!isExpected(expected, remote)) {
            request.log().refused(request.rule(), reply,
                    "expected bindreply from " + expected + ", but got it from " + remote);
            return refuseReply(request, bound, peer, remote, 0);
        }
        Optional<Rule> matched = request.settings().rules()
                .matchSocks(request.ruleRequest(remote, bound.client(), Command.BINDREPLY));
        if (matched.isEmpty()) {
            request.log().refused(request.rule(), reply, null);
            return refuseReply(request, bound, peer, remote, 0);
        }
        Rule rule = matched.get();
        reply = reply.withVerdict(rule.verdict());
        if (!rule.pass()) {
            request.log().refused(rule, reply, null);
            return refuseReply(request, bound, peer, remote, rule.number());
        }
        // The bindreply session runs from the remote peer (its client) to the SOCKS client (its target).
        request.log().opened(rule, reply, peer, request.client());
        if (!request.reply(Reply.SUCCEEDED, remote)) {
            closeQuietly(peer);
            EndReason gone = EndReason.error(EndReason.Kind.TARGET_ERROR, "Broken pipe");
            request.log().closed(rule, reply, Traffic.ZERO, gone);
            request.log().closed(request.rule(), bound, null, null);
            return new Outcome.Ended(Traffic.ZERO, gone);
        }
        // Paced to the bandwidth of the rule the bind was admitted by, as its session.max counts it.
        RelayListener listener = request.settings().limiters().of(request.rule()).paced(request.log().io(rule, reply));
        TcpRelay relay = new TcpRelay(peer, request.client(), listener, request.settings().tcpRelayTimeouts(), null)
                .pendingFromTarget(arrived.early());
        Supplier<TcpInfo.Pair> tcpInfo = TcpInfos.atEnd(relay, rule.logs(LogKeyword.TCPINFO), peer, request.client());
        EndReason reason;
        try (var registration = request.active().register(reply, relay)) {
            reason = relay.run();
        }
        Traffic traffic = relay.traffic();
        request.log().closed(rule, reply, traffic, reason, tcpInfo.get());
        request.log().closed(request.rule(), bound, null, null);
        // The accept line counts from the client's side: its link is the bindreply's target link.
        return new Outcome.Ended(new Traffic(traffic.target(), traffic.client()), reason);
    }

    /** 0.0.0.0 or port 0 in the request mean "any"; anything else must match. */
    private static boolean isExpected(Endpoint expected, Endpoint remote) {
        boolean anyHost = expected.address().isAnyLocalAddress();
        return (anyHost || expected.address().equals(remote.address())) && (expected.port() == 0 || expected.port() == remote.port());
    }

    private static Outcome refuseReply(RequestContext request, Session bound, SocketChannel peer, Endpoint remote, int rule) {
        String text = "bind-reply from " + remote + " blocked by socks-rule #" + rule;
        request.log().refused(request.rule(), bound.withVerdict(bound.verdict().failed()), text);
        request.reply(Reply.NOT_ALLOWED, remote);
        closeQuietly(peer);
        return new Outcome.Refused(text);
    }

    private static Outcome refuse(RequestContext request, Session session, String text, Reply reply, Endpoint bound) {
        request.log().refused(request.rule(), session.withVerdict(session.verdict().failed()), text);
        request.reply(reply, bound);
        return new Outcome.Refused("request was not performed due to error: " + text);
    }

    /** BND.ADDR for the client: the listening address, or the address the client reached us at if that is a wildcard. */
    private static Endpoint reachable(Endpoint listening, Endpoint internal) {
        return listening.address().isAnyLocalAddress() ? Endpoint.of(internal.address(), listening.port()) : listening;
    }

    private static void closeQuietly(java.nio.channels.Channel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // best effort
        }
    }
}
