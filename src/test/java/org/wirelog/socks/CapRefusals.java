package org.wirelog.socks;

import java.util.List;

/** The refusals of the server-wide cap a log tells of: those logged one by one and those summed up. */
record CapRefusals(long oneByOne, long summedUp) {

    static CapRefusals in(List<String> lines, int max) {
        String reached = "server session.max limit of " + max + " reached";
        long oneByOne = lines.stream().filter(l -> l.endsWith(": " + reached)).count();
        long summed = lines.stream().filter(l -> l.contains(reached + ": ") && l.endsWith(" not logged one by one"))
                .mapToLong(l -> Long.parseLong(l.replaceFirst(".*reached: (\\d+) more clients? refused.*", "$1"))).sum();
        return new CapRefusals(oneByOne, summed);
    }

    long total() {
        return oneByOne + summedUp;
    }
}
