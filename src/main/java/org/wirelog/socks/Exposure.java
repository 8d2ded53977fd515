package org.wirelog.socks;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.wirelog.model.Endpoint;
import org.wirelog.rules.HostMatch;
import org.wirelog.rules.Rule;
import org.wirelog.rules.RuleSet;

/**
 * Whether a config opens the proxy to the whole world: a client rule that passes every address, on a listening
 * address others can reach. Often a slip (0/0 copied from an example); always worth a warning at start, since
 * an open proxy is soon found and used by strangers.
 */
final class Exposure {

    private Exposure() {
    }

    /** One warning per listening address that is not loopback and per client rule that passes everyone. */
    static List<String> warnings(RuleSet rules, List<InetSocketAddress> listening) {
        List<String> out = new ArrayList<>();
        for (InetSocketAddress address : listening) {
            if (address.getAddress().isLoopbackAddress()) continue;
            for (Rule rule : rules.clientRules()) {
                if (rule.pass() && rule.from().host() instanceof HostMatch.Cidr cidr && cidr.prefix() == 0) {
                    out.add("client-rule #" + rule.number() + " (line " + rule.line() + ") passes clients from " + cidr
                            + " on " + Endpoint.of(address) + ", which is not a loopback address: anyone who can reach it"
                            + " may use this proxy");
                }
            }
        }
        return out;
    }
}
