package org.wirelog.nat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The byte counts a flow must have, worked out from tcpdump's own decoding of the inside capture
 * ({@code tcpdump -v -r fwin.pcap}, kept as fwin.txt): the sum of the IP total lengths of its
 * packets in each direction. Independent of wirelog's decoder.
 */
final class PacketSums {

    record Sums(long sent, long received) {
    }

    private static final Pattern IP_LINE = Pattern.compile("^\\d+\\.\\d+ IP .*length (\\d+)\\)$");
    private static final Pattern PORTS = Pattern.compile("^ {4}([\\d.]+)\\.(\\d+) > ([\\d.]+)\\.(\\d+): .*");
    private static final Pattern ECHO = Pattern.compile("^ {4}([\\d.]+) > ([\\d.]+): ICMP echo (request|reply), id (\\d+),.*");

    /** Key: "src:sport>dst:dport" for tcp/udp, "src#id>dst" for icmp echo, from the inside host's side. */
    static Map<String, Sums> of(List<String> tcpdumpText) {
        Map<String, long[]> sums = new HashMap<>();
        for (int i = 0; i + 1 < tcpdumpText.size(); i++) {
            Matcher ip = IP_LINE.matcher(tcpdumpText.get(i));
            if (!ip.matches()) continue;
            long length = Long.parseLong(ip.group(1));
            String next = tcpdumpText.get(i + 1);
            Matcher ports = PORTS.matcher(next), echo = ECHO.matcher(next);
            if (echo.matches()) { // first: an icmp line also looks like addresses with ports
                boolean out = echo.group(3).equals("request");
                String key = out ? echo.group(1) + "#" + echo.group(4) + ">" + echo.group(2)
                        : echo.group(2) + "#" + echo.group(4) + ">" + echo.group(1);
                sums.computeIfAbsent(key, k -> new long[2])[out ? 0 : 1] += length;
            } else if (ports.matches()) {
                boolean out = ports.group(1).startsWith("192.168.");
                String key = out ? ports.group(1) + ":" + ports.group(2) + ">" + ports.group(3) + ":" + ports.group(4)
                        : ports.group(3) + ":" + ports.group(4) + ">" + ports.group(1) + ":" + ports.group(2);
                sums.computeIfAbsent(key, k -> new long[2])[out ? 0 : 1] += length;
            }
        }
        Map<String, Sums> result = new HashMap<>();
        sums.forEach((k, v) -> result.put(k, new Sums(v[0], v[1])));
        return result;
    }
}
