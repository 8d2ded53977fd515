package org.wirelog.rules;

import java.util.Set;
import org.wirelog.model.Command;
import org.wirelog.model.Endpoint;

/**
 * One {@code route { ... }} block of sockd.conf: requests from {@code from:} to {@code to:} go through the proxy
 * {@code via:} instead of straight to the target (server chaining).
 *
 * @param number    the ordinal among the routes, for messages
 * @param line      the line of the config file where the route starts
 * @param via       the next proxy: an IP address or a hostname (resolved when used), and its port
 * @param protocols what the next proxy speaks; the first in {@link ProxyProtocol}'s order is used
 * @param commands  which commands take this route; empty means all
 */
public record Route(int number, int line, RuleAddress from, RuleAddress to, Endpoint via, Set<ProxyProtocol> protocols,
                    Set<Command> commands) {

    public Route {
        if (protocols.isEmpty()) throw new IllegalArgumentException("a route needs a proxy protocol");
    }

    /** The protocol spoken to the next proxy: SOCKS v5 where allowed, else v4, else HTTP CONNECT. */
    public ProxyProtocol protocol() {
        for (ProxyProtocol candidate : ProxyProtocol.values()) {
            if (protocols.contains(candidate)) return candidate;
        }
        throw new IllegalStateException("route #" + number + " has no proxy protocol");
    }

    public boolean matches(Endpoint client, Endpoint target, Command command) {
        if (!commands.isEmpty() && !commands.contains(command)) return false;
        return from.matches(client) && to.matches(target);
    }
}
