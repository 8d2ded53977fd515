package org.wirelog.read;

import java.util.Locale;

/** Which log a record was read from. */
public enum LogKind {
    DANTE, NATLOG, NATLOG_TABLE, IPPROT, CONNTRACK, IPCHAINS, NETFILTER;

    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
