package org.wirelog.model;

import java.util.Locale;

/** What a session does: the request types of Dante's log, plus the forwarder's and the NAT logger's. */
public enum Command {
    ACCEPT(Protocol.TCP),
    CONNECT(Protocol.TCP),
    BIND(Protocol.TCP),
    BINDREPLY(Protocol.TCP),
    UDPASSOCIATE(Protocol.UDP),
    UDPREPLY(Protocol.UDP),
    FORWARD(Protocol.TCP),
    NAT(Protocol.TCP);

    private final Protocol protocol;
    /** Made once: logs write it on every line. */
    private final String word = name().toLowerCase(Locale.ROOT);

    Command(Protocol protocol) {
        this.protocol = protocol;
    }

    /** The transport Dante prints in front of the command ({@code tcp/connect}). */
    public Protocol protocol() {
        return protocol;
    }

    public String word() {
        return word;
    }
}
