package org.wirelog.forward;

import java.net.InetAddress;
import java.util.List;
import org.wirelog.model.Verdict;

/**
 * The client addresses of -r. Each entry is a rule: a client it lets through passes with that rule's
 * number (1 for the first -r), so that the Dante log shows which one; no -r lets everyone through as rule 0.
 */
public record AllowList(List<InetAddress> addresses) {

    /** ipprotd's limit. */
    public static final int MAX_ENTRIES = 30;

    public static final AllowList EVERYONE = new AllowList(List.of());

    public AllowList {
        addresses = List.copyOf(addresses);
        if (addresses.size() > MAX_ENTRIES) throw new IllegalArgumentException("-r may be given at most " + MAX_ENTRIES + " times");
    }

    public Verdict verdict(InetAddress client) {
        if (addresses.isEmpty()) return Verdict.pass(0);
        int index = addresses.indexOf(client);
        return index >= 0 ? Verdict.pass(index + 1) : Verdict.block(0);
    }
}
