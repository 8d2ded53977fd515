package org.wirelog.socks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.wirelog.config.ErrorLogging;
import org.wirelog.config.SocksConfig;
import org.wirelog.config.Timeouts;
import org.wirelog.model.Command;
import org.wirelog.model.Endpoint;
import org.wirelog.relay.OwnListeners;
import org.wirelog.relay.TcpRelay;
import org.wirelog.rules.AuthMethod;
import org.wirelog.rules.Route;
import org.wirelog.rules.RuleSet;
import org.wirelog.socks.limit.Limiters;

/**
 * What a new connection is handled with: one immutable snapshot, swapped whole when the config is re-read.
 *
 * @param limiters       the live limits of these rules (a reload starts new ones)
 * @param pamServiceName {@code pamservicename:}, for the pam.* methods
 * @param ownListeners   where this server listens: no target may be one of them
 */
record Settings(RuleSet rules, Timeouts timeouts, Externals externals, List<AuthMethod> socksMethods, int debug,
                List<Route> routes, ErrorLogging errorLogging, Limiters limiters, String pamServiceName,
                OwnListeners ownListeners) {

    /** The settings of a config, for a server listening on {@code listening}. */
    static Settings from(SocksConfig config, List<InetSocketAddress> listening) throws IOException {
        return new Settings(config.rules(), config.timeouts(), Externals.resolve(config.externals()),
                config.socksMethods().isEmpty() ? List.of(AuthMethod.NONE) : config.socksMethods(), config.debug(),
                config.routes(), config.errorLogging(), new Limiters(config.rules()), config.pamService(),
                new OwnListeners(listening));
    }

    TcpRelay.Timeouts tcpRelayTimeouts() {
        return new TcpRelay.Timeouts(timeouts.ioTcp(), timeouts.tcpFinWait());
    }

    /** The first route whose from/to/command match, if any: then the request goes through its next proxy. */
    Optional<Route> route(Endpoint client, Endpoint target, Command command) {
        return routes.stream().filter(route -> route.matches(client, target, command)).findFirst();
    }
}
