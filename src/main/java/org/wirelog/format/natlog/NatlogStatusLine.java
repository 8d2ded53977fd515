package org.wirelog.format.natlog;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The lines natlog 3.00 writes besides connections, to the same stdout or log file (its reference
 * report, section 3): start and end notices, signals, {@code -V} settings and the {@code LINE:} echo of
 * {@code -V -V -V}. A reader skips them as natlog's own, not as unreadable.
 */
public final class NatlogStatusLine {

    private static final List<Pattern> SHAPES = List.of(
            Pattern.compile("processing: +\\w+( or \\w+)*"),
            Pattern.compile("(starting reading|processed all) packets from \\S+ and \\S+"),
            Pattern.compile("starting capturing \\S+ and \\S+"),
            Pattern.compile("NatFork::childProcess (ends|notifying RotatingStreambuf)"),
            Pattern.compile("cleanupWrap thread ends|monitoring conntrack ends|no conntrack IP header size correction"),
            Pattern.compile("received signal \\d+ \\(SIG\\w+\\)"),
            Pattern.compile("Starting `.*' \\(max \\d+ restarts\\)"),
            Pattern.compile("Using time type `\\w+'|mode \\w+: ignoring daemon mode|(TCPDUMP|DEVICES|CONNTRACK) mode"),
            Pattern.compile("Device \\S+ has MAC address [0-9a-f:]+|conntrack reports (TCP|UDP|ICMP) connections"),
            Pattern.compile("(specifications|config file|daemon|protocol\\(s\\)|using stdout|using log|time type|ttl \\(udp, icmp\\)"
                    + "|ttl \\(tcp\\)|verbosity|command|conntrack device|max # conntrack restarts|processing|pid-file|syslog.*): .*"),
            Pattern.compile("LINE: .*|   \\(not matched\\)"));

    private NatlogStatusLine() {
    }

    public static boolean is(String line) {
        for (Pattern shape : SHAPES) if (shape.matcher(line).matches()) return true;
        return false;
    }
}
