package org.wirelog.socks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import java.util.function.Supplier;
import org.wirelog.config.ErrorLogging;
import org.wirelog.model.Command;
import org.wirelog.model.EndReason;
import org.wirelog.model.Endpoint;
import org.wirelog.model.Session;
import org.wirelog.model.TcpInfo;
import org.wirelog.model.Traffic;
import org.wirelog.relay.IoErrors;
import org.wirelog.relay.RelayListener;
import org.wirelog.rules.Route;
import org.wirelog.relay.TcpRelay;

/** CONNECT: resolve the target, connect from the external address, reply, relay until both sides are done. */
final class ConnectCommand {

    private ConnectCommand() {
    }

    static Outcome run(RequestContext request) {
        Session session = request.session();
        Endpoint target = session.target();
        Optional<Route> route = request.settings().route(session.client(), target, Command.CONNECT);
        if (route.isPresent()) return ChainedConnect.run(request, route.get());
        InetAddress address;
        try {
            address = resolve(target, request.settings().externals());
        } catch (UnknownHostException e) {
            String failure = "Name or service not known for " + request.settings().externals().preferredFamily() + " address";
            request.log().systemError(ErrorLogging.Side.EXTERNAL, IoErrors.eaiName(e),
                    "could not DNS-resolve \"" + target.hostname() + "\": " + failure);
            String text = "could not resolve hostname \"" + target.hostname() + "\": " + failure;
            return refuse(request, session.withoutDestination(), text, Reply.HOST_UNREACHABLE, target);
        }
        Optional<InetSocketAddress> own = request.settings().ownListeners().reachedBy(address, target.port());
        if (own.isPresent()) return refuseLoop(request, session, own.get());
        InetAddress external = request.settings().externals().forTarget(address);
        if (external == null) {
            String family = address instanceof java.net.Inet4Address ? "IPv4" : "IPv6";
            String text = "connect to " + family + " address requested, but no " + family
                    + " address configured for our usage on the external interface";
            return refuse(request, session.withoutDestination(), text, Reply.ADDRESS_TYPE_NOT_SUPPORTED, target);
        }
        // Dante prints the address it connected to, not the name the client sent.
        Endpoint printedTarget = Endpoint.of(address, target.port());
        request.log().debug(() -> "connect(): connecting to " + printedTarget + " from " + external.getHostAddress());
        OutgoingSocket.Attempt attempt;
        try {
            attempt = OutgoingSocket.connect(external, printedTarget.toSocketAddress(), request.settings().timeouts().connect());
        } catch (IOException e) {
            String text = "could not create a socket on " + external.getHostAddress() + ": " + IoErrors.describe(e);
            return refuse(request, session.withoutDestination(), text, Reply.GENERAL_FAILURE, target);
        }
        Endpoint proxyExternal = Endpoint.of(attempt.local());
        Session tried = session.withDestination(proxyExternal, printedTarget);
        IOException failure = attempt.failure();
        if (failure == null) return relay(request, attempt.channel(), tried, tried.external());
        if (attempt.timedOut()) {
            warnConnectFailed(request, printedTarget, "Connection timed out");
            return failedAfterPass(request, tried, EndReason.of(EndReason.Kind.CONNECT_TIMEOUT), Reply.TTL_EXPIRED, Endpoint.UNSET);
        }
        String error = IoErrors.describe(failure);
        warnConnectFailed(request, printedTarget, error);
        return switch (error) {
            // The target answered (RST, ICMP): Dante keeps pass(N) with zero counters.
            case "Connection refused" -> failedAfterPass(request, tried, EndReason.error(EndReason.Kind.TARGET_ERROR, error),
                    Reply.CONNECTION_REFUSED, proxyExternal);
            case "No route to host", "Connection timed out" -> failedAfterPass(request, tried,
                    EndReason.error(EndReason.Kind.TARGET_ERROR, error), Reply.HOST_UNREACHABLE, proxyExternal);
            // connect(2) itself failed: Dante blocks the request and says so.
            default -> refuse(request, tried, "connect(2) to " + printedTarget + " from " + proxyExternal + " failed: " + error,
                    error.equals("Network is unreachable") ? Reply.NETWORK_UNREACHABLE : Reply.GENERAL_FAILURE, proxyExternal);
        };
    }

    /**
     * A target that is this server's own listening address: served, it would ask this server again, and again. Refused
     * with reply 2 and a line whatever the rule logs, as an attack or a broken client config deserves.
     */
    private static Outcome refuseLoop(RequestContext request, Session session, InetSocketAddress own) {
        String text = "proxy loop: " + Endpoint.of(own) + " is where this server listens";
        request.log().protectionRefused(session.withoutDestination().withVerdict(session.verdict().failed()), text);
        request.reply(Reply.NOT_ALLOWED, session.target());
        return new Outcome.Refused("request was not performed: " + text);
    }

    /** REPORT section 6: {@code connect to host 127.0.0.1.10899 failed: Connection refused}, where asked for. */
    static void warnConnectFailed(RequestContext request, Endpoint host, String strerror) {
        request.log().systemError(ErrorLogging.Side.EXTERNAL, IoErrors.errnoName(strerror),
                "connect to host " + host + " failed: " + strerror);
    }

    /**
     * Replies success with {@code bound} as BND, then relays until both sides are done, with the session registered
     * for the status dump and paced to its rule's bandwidth.
     */
    static Outcome relay(RequestContext request, SocketChannel out, Session session, Endpoint bound) {
        tune(request.client());
        tune(out);
        request.log().opened(request.rule(), session, request.client(), out);
        if (!request.reply(Reply.SUCCEEDED, bound)) {
            closeQuietly(out);
            EndReason gone = EndReason.error(EndReason.Kind.CLIENT_ERROR, "Broken pipe");
            request.log().closed(request.rule(), session, Traffic.ZERO, gone);
            return new Outcome.Ended(Traffic.ZERO, gone);
        }
        RelayListener listener = request.settings().limiters().of(request.rule()).paced(request.log().io(request.rule(), session));
        TcpRelay relay = new TcpRelay(request.client(), out, listener, request.settings().tcpRelayTimeouts(), request.leftover());
        Supplier<TcpInfo.Pair> tcpInfo = TcpInfos.atEnd(relay, request.wantsTcpInfo(), request.client(), out);
        EndReason reason;
        try (var registration = request.active().register(session, relay)) {
            reason = relay.run();
        }
        Traffic traffic = relay.traffic();
        warnRelayError(request, session, reason);
        request.log().closed(request.rule(), session, traffic, reason, tcpInfo.get());
        return new Outcome.Ended(traffic, reason, tcpInfo.get());
    }

    /** An error that ended the relay, on the side it came from, where a {@code *.log.*.error:} line asks. */
    private static void warnRelayError(RequestContext request, Session session, EndReason reason) {
        if (reason == null || reason.detail() == null) return;
        boolean client = reason.kind() == EndReason.Kind.CLIENT_ERROR;
        if (!client && reason.kind() != EndReason.Kind.TARGET_ERROR) return;
        String peer = client ? "local client " + session.client() : "remote peer " + session.target();
        request.log().systemError(client ? ErrorLogging.Side.INTERNAL : ErrorLogging.Side.EXTERNAL,
                IoErrors.errnoName(reason.detail()), "i/o with " + peer + " failed: " + reason.detail());
    }

    /** The target was tried and did not answer: Dante keeps pass(N) and logs zero counters with the reason. */
    static Outcome failedAfterPass(RequestContext request, Session session, EndReason reason, Reply reply, Endpoint bound) {
        request.log().closed(request.rule(), session, Traffic.ZERO, reason);
        request.reply(reply, bound);
        return new Outcome.Ended(Traffic.ZERO, reason);
    }

    /** The request could not be performed: Dante turns the verdict to block and says why. */
    static Outcome refuse(RequestContext request, Session session, String text, Reply reply, Endpoint bound) {
        request.log().refused(request.rule(), session.withVerdict(session.verdict().failed()), text);
        request.reply(reply, bound);
        return new Outcome.Refused("request was not performed due to error: " + text);
    }

    private static InetAddress resolve(Endpoint target, Externals externals) throws UnknownHostException {
        if (target.isResolved()) return target.address();
        InetAddress[] all = InetAddress.getAllByName(target.hostname());
        for (InetAddress candidate : all) {
            if (externals.hasFamilyOf(candidate)) return candidate;
        }
        return all[0];
    }

    private static void tune(SocketChannel channel) {
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        } catch (IOException ignored) {
            // an option we could not set changes speed, not correctness
        }
    }

    static void closeQuietly(SocketChannel channel) {
        if (channel == null) return;
        try {
            channel.close();
        } catch (IOException ignored) {
            // best effort
        }
    }
}
