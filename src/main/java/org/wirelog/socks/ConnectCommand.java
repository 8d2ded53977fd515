package org.wirelog.socks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;
import org.wirelog.model.EndReason;
import org.wirelog.model.Endpoint;
import org.wirelog.model.Session;
import org.wirelog.model.Traffic;
import org.wirelog.relay.IoErrors;
import org.wirelog.relay.TcpRelay;

/** CONNECT: resolve the target, connect from the external address, reply, relay until both sides are done. */
final class ConnectCommand {

    private ConnectCommand() {
    }

    static Outcome run(RequestContext request) {
        Session session = request.session();
        Endpoint target = session.target();
        InetAddress address;
        try {
            address = resolve(target, request.settings().externals());
        } catch (UnknownHostException e) {
            String text = "could not resolve hostname \"" + target.hostname() + "\": Name or service not known for "
                    + request.settings().externals().preferredFamily() + " address";
            return refuse(request, session.withoutDestination(), text, Reply.HOST_UNREACHABLE, target);
        }
        InetAddress external = request.settings().externals().forTarget(address);
        if (external == null) {
            String family = address instanceof java.net.Inet4Address ? "IPv4" : "IPv6";
            String text = "connect to " + family + " address requested, but no " + family
                    + " address configured for our usage on the external interface";
            return refuse(request, session.withoutDestination(), text, Reply.ADDRESS_TYPE_NOT_SUPPORTED, target);
        }
        // Dante prints the address it connected to, not the name the client sent.
        Endpoint printedTarget = Endpoint.of(address, target.port());
        request.log().debug("connect(): connecting to " + printedTarget + " from " + external.getHostAddress());
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
        if (failure == null) return relay(request, attempt.channel(), tried);
        if (attempt.timedOut()) {
            return failedAfterPass(request, tried, EndReason.of(EndReason.Kind.CONNECT_TIMEOUT), Reply.TTL_EXPIRED, Endpoint.UNSET);
        }
        String error = IoErrors.describe(failure);
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

    private static Outcome relay(RequestContext request, SocketChannel out, Session session) {
        tune(request.client());
        tune(out);
        request.log().opened(request.rule(), session);
        if (!request.reply(Reply.SUCCEEDED, session.external())) {
            closeQuietly(out);
            EndReason gone = EndReason.error(EndReason.Kind.CLIENT_ERROR, "Broken pipe");
            request.log().closed(request.rule(), session, Traffic.ZERO, gone);
            return new Outcome.Ended(Traffic.ZERO, gone);
        }
        TcpRelay relay = new TcpRelay(request.client(), out, request.log().io(request.rule(), session),
                request.settings().tcpRelayTimeouts(), request.leftover());
        EndReason reason = relay.run();
        Traffic traffic = relay.traffic();
        request.log().closed(request.rule(), session, traffic, reason);
        return new Outcome.Ended(traffic, reason);
    }

    /** The target was tried and did not answer: Dante keeps pass(N) and logs zero counters with the reason. */
    private static Outcome failedAfterPass(RequestContext request, Session session, EndReason reason, Reply reply, Endpoint bound) {
        request.log().closed(request.rule(), session, Traffic.ZERO, reason);
        request.reply(reply, bound);
        return new Outcome.Ended(Traffic.ZERO, reason);
    }

    /** The request could not be performed: Dante turns the verdict to block and says why. */
    private static Outcome refuse(RequestContext request, Session session, String text, Reply reply, Endpoint bound) {
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

    private static void closeQuietly(SocketChannel channel) {
        if (channel == null) return;
        try {
            channel.close();
        } catch (IOException ignored) {
            // best effort
        }
    }
}
