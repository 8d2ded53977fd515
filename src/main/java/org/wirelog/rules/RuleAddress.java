package org.wirelog.rules;

import org.wirelog.model.Endpoint;

/** A {@code from:} or {@code to:} value: host part and port part. */
public record RuleAddress(HostMatch host, PortMatch port) {

    public static final RuleAddress ANY =
            new RuleAddress(new HostMatch.Cidr(java.net.InetAddress.ofLiteral("0.0.0.0"), 0), PortMatch.ANY);

    public boolean matches(Endpoint endpoint) {
        return port.matches(endpoint.port()) && host.matches(endpoint);
    }
}
