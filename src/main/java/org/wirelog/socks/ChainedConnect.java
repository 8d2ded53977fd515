package org.wirelog.socks;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ScheduledFuture;
import org.wirelog.model.Endpoint;
import org.wirelog.model.Session;
import org.wirelog.relay.IoErrors;
import org.wirelog.relay.Watchdog;
import org.wirelog.rules.Route;
import org.wirelog.socks.route.Handshake;
import org.wirelog.socks.route.UpstreamFailure;

/**
 * CONNECT through a route's next proxy (server chaining, REPORT 4.7): connect to the proxy from the external
 * address, ask it for the target in its protocol, then relay as a direct CONNECT does. The session's lines show
 * {@code PROXY-EXT NEXTPROXY [LASTPROXY-EXT] TARGET}; the client's BND is LASTPROXY-EXT, the address the target
 * sees. The target is passed on as the client gave it: a name is resolved by the last proxy, not here.
 */
final class ChainedConnect {

    private ChainedConnect() {
    }

    static Outcome run(RequestContext request, Route route) {
        Session session = request.session();
        Endpoint target = session.target();
        request.log().debug(() -> "route(): " + session.client() + " -> " + target + " matched route #" + route.number()
                + " (line " + route.line() + "): via " + route.via() + ", " + route.protocol().word());
        InetAddress proxyAddress;
        try {
            proxyAddress = route.via().isResolved() ? route.via().address() : InetAddress.getByName(route.via().hostname());
        } catch (UnknownHostException e) {
            String text = "could not resolve next proxy \"" + route.via().hostname() + "\" of route #" + route.number();
            return ConnectCommand.refuse(request, session.withoutDestination(), text, Reply.GENERAL_FAILURE, target);
        }
        Endpoint nextProxy = Endpoint.of(proxyAddress, route.via().port());
        InetAddress external = request.settings().externals().forTarget(proxyAddress);
        if (external == null) {
            String family = proxyAddress instanceof Inet4Address ? "IPv4" : "IPv6";
            String text = "next proxy " + nextProxy + " is " + family + ", but no " + family
                    + " address is configured for our usage on the external interface";
            return ConnectCommand.refuse(request, session.withoutDestination(), text, Reply.GENERAL_FAILURE, target);
        }
        SocketChannel out = null;
        Endpoint proxyExternal = Endpoint.UNSET;
        Session chained = session.withProxies(nextProxy, null);
        try {
            out = SocketChannel.open(proxyAddress instanceof Inet4Address ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
            out.bind(new InetSocketAddress(external, 0));
            proxyExternal = Endpoint.of((InetSocketAddress) out.getLocalAddress());
            chained = chained.withDestination(proxyExternal, target);
            long timeout = request.settings().timeouts().connect().toMillis();
            out.socket().connect(nextProxy.toSocketAddress(), (int) Math.min(Integer.MAX_VALUE, timeout));
        } catch (IOException e) {
            ConnectCommand.closeQuietly(out);
            String strerror = IoErrors.describe(e);
            ConnectCommand.warnConnectFailed(request, nextProxy, strerror);
            // Our client's target may be fine: it is the chain that failed, hence "general failure", not "refused".
            String text = "could not connect to next proxy " + nextProxy + ": " + strerror;
            return ConnectCommand.refuse(request, chained, text, Reply.GENERAL_FAILURE, Endpoint.UNSET);
        }
        // The proxy's answer gets timeout.connect too: it is the rest of connecting to the target.
        SocketChannel channel = out;
        ScheduledFuture<?> deadline = request.settings().timeouts().connect().isZero() ? null
                : Watchdog.after(request.settings().timeouts().connect(), () -> ConnectCommand.closeQuietly(channel));
        Endpoint lastProxy;
        try {
            lastProxy = Handshake.of(route.protocol()).connect(out, target);
        } catch (UpstreamFailure e) {
            ConnectCommand.closeQuietly(out);
            return ConnectCommand.refuse(request, chained, e.getMessage(), e.reply(), Endpoint.UNSET);
        } catch (IOException e) {
            boolean timedOut = !out.isOpen();
            ConnectCommand.closeQuietly(out);
            String text = "next proxy " + nextProxy + " failed during the " + route.protocol().word() + " request: "
                    + (timedOut ? "no answer within timeout.connect" : IoErrors.describe(e));
            return ConnectCommand.refuse(request, chained, text, Reply.GENERAL_FAILURE, Endpoint.UNSET);
        } finally {
            if (deadline != null) deadline.cancel(false);
        }
        Session connected = chained.withProxies(nextProxy, lastProxy);
        return ConnectCommand.relay(request, out, connected, lastProxy != null ? lastProxy : Endpoint.UNSET);
    }
}
