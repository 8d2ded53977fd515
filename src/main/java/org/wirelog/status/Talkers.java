package org.wirelog.status;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sessions and bytes per host (a client address or a target), for the top lists. Bounded: past
 * {@link #MAX_HOSTS} hosts the smaller half is forgotten, so that a scan cannot fill the memory.
 */
final class Talkers {

    private static final int MAX_HOSTS = 10_000;

    record Talker(String host, long sessions, long bytes) {
    }

    private final Map<String, long[]> hosts = new HashMap<>();

    synchronized void add(String host, long bytes) {
        long[] counts = hosts.computeIfAbsent(host, h -> new long[2]);
        counts[0]++;
        counts[1] += bytes;
        if (hosts.size() > MAX_HOSTS) forgetSmallerHalf();
    }

    /** The busiest by bytes, then by sessions. */
    synchronized List<Talker> top(int n) {
        return hosts.entrySet().stream().map(e -> new Talker(e.getKey(), e.getValue()[0], e.getValue()[1]))
                .sorted(Comparator.comparingLong(Talker::bytes).thenComparingLong(Talker::sessions).reversed()
                        .thenComparing(Talker::host))
                .limit(n).toList();
    }

    private void forgetSmallerHalf() {
        List<String> small = top(hosts.size()).reversed().stream().limit(hosts.size() / 2).map(Talker::host).toList();
        small.forEach(hosts::remove);
    }
}
