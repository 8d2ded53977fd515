package org.wirelog.model;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One session as every log format sees it: what it is, which rule decided it, and the chain of
 * endpoints it crosses, from its source side to its destination side.
 *
 * <p>For a SOCKS CONNECT the chain is CLIENT PROXY-INT -> PROXY-EXT [NEXTPROXY [LASTPROXY-EXT]] TARGET;
 * for a bindreply the remote host is the source and the client the destination; for a NAT translation
 * it is IPsrc -> IPfw IPdst. Fields that do not exist (yet) are null: a blocked request has no
 * external side, an accept has no destination side at all.
 *
 * @param id        unique within this process, for correlating lines
 * @param protocol  tcp, udp or icmp
 * @param command   accept, connect, bind, ... forward, nat
 * @param verdict   pass or block, and the rule number
 * @param client    the source: CLIENT, CLIENT-UDP, or the remote host of a bindreply
 * @param internal  our socket facing the source: PROXY-INT, PROXY-INTUDP
 * @param external  our socket facing the destination: PROXY-EXT (null: no destination side)
 * @param nextProxy the next proxy in a chain, or null
 * @param lastProxy the external socket of the last proxy in a chain, when it told us, or null
 * @param target    the destination: TARGET (null: no destination side)
 * @param begin     when the session started
 */
public record Session(long id, Protocol protocol, Command command, Verdict verdict,
                      Endpoint client, Endpoint internal, Endpoint external,
                      Endpoint nextProxy, Endpoint lastProxy, Endpoint target, Instant begin) {

    private static final AtomicLong IDS = new AtomicLong();

    public static long nextId() {
        return IDS.incrementAndGet();
    }

    /** A session with only a source side, such as a tcp/accept. */
    public static Session of(Command command, Verdict verdict, Endpoint client, Endpoint internal, Instant begin) {
        return new Session(nextId(), command.protocol(), command, verdict, client, internal, null, null, null, null, begin);
    }

    public boolean hasDestination() {
        return external != null || target != null;
    }

    public Session withVerdict(Verdict newVerdict) {
        return new Session(id, protocol, command, newVerdict, client, internal, external, nextProxy, lastProxy, target, begin);
    }

    public Session withCommand(Command newCommand) {
        return new Session(id, newCommand.protocol(), newCommand, verdict, client, internal, external, nextProxy, lastProxy, target, begin);
    }

    public Session withClient(Endpoint newClient) {
        return new Session(id, protocol, command, verdict, newClient, internal, external, nextProxy, lastProxy, target, begin);
    }

    public Session withDestination(Endpoint newExternal, Endpoint newTarget) {
        return new Session(id, protocol, command, verdict, client, internal, newExternal, nextProxy, lastProxy, newTarget, begin);
    }

    public Session withProxies(Endpoint next, Endpoint last) {
        return new Session(id, protocol, command, verdict, client, internal, external, next, last, target, begin);
    }

    public Session withoutDestination() {
        return new Session(id, protocol, command, verdict, client, internal, null, null, null, null, begin);
    }
}
