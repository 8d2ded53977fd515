package org.wirelog.socks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import org.wirelog.model.Command;
import org.wirelog.model.Endpoint;
import org.wirelog.model.Level;
import org.wirelog.model.Protocol;
import org.wirelog.model.Session;
import org.wirelog.model.Verdict;
import org.wirelog.relay.Watchdog;
import org.wirelog.rules.AuthMethod;
import org.wirelog.rules.Request;
import org.wirelog.rules.Rule;
import org.wirelog.socks.limit.Permit;
import org.wirelog.socks.limit.RuleLimiter;
import org.wirelog.socks.limit.SessionCap;
import org.wirelog.socks.status.ActiveSessions;

/**
 * One client connection from accept to close: the client rule, the SOCKS negotiation (within
 * {@code timeout.negotiate}), the socks rule, the command, and the closing {@code tcp/accept ]:} line.
 */
final class ClientConnection implements Runnable {

    private final SocketChannel channel;
    private final Settings settings;
    private final SessionLog log;
    private final ActiveSessions active;
    private final SessionCap cap;
    private volatile boolean negotiateTimedOut;

    /** @param cap the server's cap on client connections, shared by all */
    ClientConnection(SocketChannel channel, Settings settings, SessionLog log, ActiveSessions active, SessionCap cap) {
        this.channel = channel;
        this.settings = settings;
        this.log = log;
        this.active = active;
        this.cap = cap;
    }

    @Override
    public void run() {
        active.connectionAccepted();
        try {
            serve();
        } catch (IOException | RuntimeException e) {
            log.debug(() -> "client connection ended by " + e);
        } finally {
            closeQuietly();
            active.connectionClosed();
        }
    }

    private void serve() throws IOException {
        Instant begin = Instant.now();
        Endpoint client = Endpoint.of((InetSocketAddress) channel.getRemoteAddress());
        Endpoint internal = Endpoint.of((InetSocketAddress) channel.getLocalAddress());
        Optional<Rule> clientRule = settings.rules().matchClient(
                new Request(client, internal, Command.ACCEPT, Protocol.TCP, AuthMethod.NONE, null));
        if (clientRule.isEmpty()) {
            // Dante logs nothing for a client no client rule matches; it just closes.
            log.debug(() -> "rulespermit(): no client-rule matched " + client + ", closing");
            return;
        }
        Rule rule = clientRule.get();
        log.debug(() -> "rulespermit(): " + client + " -> " + internal + " matched client-rule #" + rule.number()
                + " (line " + rule.line() + "), verdict " + (rule.pass() ? "pass" : "block"));
        Session accept = Session.of(Command.ACCEPT, rule.verdict(), client, internal, begin);
        if (!rule.pass()) {
            log.refused(rule, accept, null);
            return;
        }
        Permit serverPlace = cap.tryAcquire();
        if (serverPlace == null) {
            String reason = "server session.max limit of " + cap.max() + " reached";
            if (cap.refusalLines().line(more -> log.notice(Level.WARNING, reason + ": " + more + " more client"
                    + (more == 1 ? "" : "s") + " refused within a second, not logged one by one"))) {
                log.protectionRefused(accept.withVerdict(rule.verdict().failed()), reason);
            }
            return;
        }
        try (serverPlace) {
            switch (settings.limiters().of(rule).admit()) {
                case RuleLimiter.Admission.Refused refused -> log.protectionRefused(accept.withVerdict(rule.verdict().failed()), refused.reason());
                case RuleLimiter.Admission.Admitted admitted -> {
                    try (Permit rulePlace = admitted.permit()) {
                        negotiateAndHandle(rule, accept, client, internal, begin);
                    }
                }
            }
        }
    }

    private void negotiateAndHandle(Rule rule, Session accept, Endpoint client, Endpoint internal, Instant begin) {
        log.opened(rule, accept, channel, null);
        Negotiation negotiation = new Negotiation(channel, settings);
        Negotiation.Result result;
        ScheduledFuture<?> deadline = startNegotiateTimer(settings.timeouts().negotiate());
        try {
            result = negotiation.run();
        } catch (NegotiationFailure failure) {
            log.refused(rule, accept.withVerdict(rule.verdict().failed()), describe(failure, negotiation, begin));
            return;
        } finally {
            if (deadline != null) deadline.cancel(false);
        }
        log.debug(() -> "negotiate(): client " + client + " negotiated SOCKS v" + result.request().version() + ", method "
                + result.method().word() + ", after reading " + negotiation.bytesRead() + " bytes");
        Outcome outcome = handle(rule, result, client, internal, begin);
        switch (outcome) {
            case Outcome.Refused refused -> log.refused(rule, accept.withVerdict(rule.verdict().failed()), refused.reason());
            case Outcome.Ended ended -> log.closed(rule, accept, ended.traffic(), ended.reason(), ended.tcpInfo());
        }
    }

    private Outcome handle(Rule clientRule, Negotiation.Result negotiated, Endpoint client, Endpoint internal,
            Instant begin) {
        SocksRequest request = negotiated.request();
        Endpoint who = negotiated.identity() == null ? client : client.withIdentity(negotiated.identity());
        log.debug(() -> "dorequest(): " + request.command().word() + " request received from client " + client
                + ", version " + request.version() + ", target " + request.target());
        Request ruleRequest = new Request(who, request.target(), request.command(), request.command().protocol(),
                negotiated.method(), negotiated.identity() == null ? null : negotiated.identity().user());
        Optional<Rule> socksRule = settings.rules().matchSocks(ruleRequest);
        if (socksRule.isEmpty()) {
            reply(request, Reply.NOT_ALLOWED, request.target());
            return new Outcome.Refused("blocked by higher-level socks-rule #0: no rules matched; using default block rule");
        }
        Rule rule = socksRule.get();
        log.debug(() -> "rulespermit(): rule matched: " + rule.number() + " (socks-rule, line " + rule.line() + "), verdict "
                + (rule.pass() ? "pass" : "block"));
        Session session = request.command() == Command.UDPASSOCIATE
                ? UdpAssociateCommand.requested(request.target(), negotiated.identity(), rule.verdict(), begin)
                : new Session(Session.nextId(), request.command().protocol(), request.command(), rule.verdict(),
                        who, internal, Endpoint.UNSET, null, null, request.target(), begin);
        if (!rule.pass()) {
            log.refused(rule, session, null);
            reply(request, Reply.NOT_ALLOWED, request.target());
            return new Outcome.Refused("blocked by higher-level socks-rule #" + rule.number());
        }
        RuleLimiter.Admission admission = settings.limiters().of(rule).admit();
        if (admission instanceof RuleLimiter.Admission.Refused(String reason)) {
            log.protectionRefused(session.withVerdict(rule.verdict().failed()), reason);
            reply(request, Reply.NOT_ALLOWED, request.target());
            return new Outcome.Refused("blocked by higher-level " + reason);
        }
        try (Permit place = ((RuleLimiter.Admission.Admitted) admission).permit()) {
            active.requestHandled();
            return perform(new RequestContext(channel, session, rule, request, negotiated.leftover(), settings, log, active,
                    negotiated.method(), clientRule));
        }
    }

    private Outcome perform(RequestContext context) {
        SocksRequest request = context.request();
        Rule rule = context.rule();
        Session session = context.session();
        return switch (request.command()) {
            case CONNECT -> ConnectCommand.run(context);
            case BIND -> BindCommand.run(context);
            case UDPASSOCIATE -> UdpAssociateCommand.run(context);
            default -> throw new IllegalStateException("no SOCKS request has the command " + request.command());
        };
    }

    private String describe(NegotiationFailure failure, Negotiation negotiation, Instant begin) {
        long seconds = Duration.between(begin, Instant.now()).toSeconds();
        if (negotiateTimedOut) return "negotiate timeout after " + seconds + " second" + (seconds == 1 ? "" : "s");
        long bytes = negotiation.bytesRead();
        return "error after reading " + bytes + " byte" + (bytes == 1 ? "" : "s") + " in " + seconds + " second"
                + (seconds == 1 ? "" : "s") + ": " + failure.getMessage();
    }

    private ScheduledFuture<?> startNegotiateTimer(Duration timeout) {
        if (timeout.isZero()) return null;
        return Watchdog.after(timeout, () -> {
            negotiateTimedOut = true;
            closeQuietly();
        });
    }

    private void reply(SocksRequest request, Reply reply, Endpoint bound) {
        ByteBuffer message = request.reply(reply, bound);
        try {
            while (message.hasRemaining()) channel.write(message);
        } catch (IOException ignored) {
            // the client is gone; its lines are logged all the same
        }
    }

    private void closeQuietly() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // best effort
        }
    }
}
