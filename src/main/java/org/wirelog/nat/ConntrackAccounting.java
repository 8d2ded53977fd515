package org.wirelog.nat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The kernel switch that makes conntrack count packets and bytes (per network namespace). */
public final class ConntrackAccounting {

    public static final Path SWITCH = Path.of("/proc/sys/net/netfilter/nf_conntrack_acct");

    private ConntrackAccounting() {
    }

    /** Turns counting on, as natlog does at start; @return null when done, else why it could not be */
    public static String enable() {
        try {
            Files.writeString(SWITCH, "1\n");
            return null;
        } catch (IOException | SecurityException e) {
            return "cannot write 1 to " + SWITCH + ": " + e.getMessage() + " (byte counts will be missing)";
        }
    }
}
