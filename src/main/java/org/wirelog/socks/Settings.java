package org.wirelog.socks;

import java.io.IOException;
import java.util.List;
import org.wirelog.config.SocksConfig;
import org.wirelog.config.Timeouts;
import org.wirelog.relay.TcpRelay;
import org.wirelog.rules.AuthMethod;
import org.wirelog.rules.RuleSet;

/** What a new connection is handled with: one immutable snapshot, swapped whole when the config is re-read. */
record Settings(RuleSet rules, Timeouts timeouts, Externals externals, List<AuthMethod> socksMethods, int debug,
                String pamServiceName) {

    static Settings from(SocksConfig config) throws IOException {
        return new Settings(config.rules(), config.timeouts(), Externals.resolve(config.externals()),
                config.socksMethods().isEmpty() ? List.of(AuthMethod.NONE) : config.socksMethods(), config.debug(),
                config.pamService());
    }

    TcpRelay.Timeouts tcpRelayTimeouts() {
        return new TcpRelay.Timeouts(timeouts.ioTcp(), timeouts.tcpFinWait());
    }
}
