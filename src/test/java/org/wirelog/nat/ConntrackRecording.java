package org.wirelog.nat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A recorded {@code conntrack -E -o timestamp} input of the corpus, read by the test itself (not by wirelog's parser)
 * into what each NEW and DESTROY says of its translation, and played by a stand-in conntrack program.
 */
public final class ConntrackRecording {

    /**
     * One NEW or DESTROY. For icmp the echo identifier is the source port (the reply's is the via port) and the
     * destination port is 0.
     *
     * @param packets -1 where the line has no counts (a NEW)
     */
    public record Entry(boolean destroy, long micros, String protocol, String source, int sourcePort, String via, int viaPort,
                        String destination, int destinationPort, long packets, long bytes, long replyPackets, long replyBytes) {

        /** The flow this entry belongs to: its original tuple. */
        public String flow() {
            return protocol + " " + source + ":" + sourcePort + " " + destination + ":" + destinationPort;
        }
    }

    private static final Pattern LINE = Pattern.compile("\\[(\\d+)\\.(\\d{6})\\]\\s+\\[(NEW|DESTROY)\\] (tcp|udp|icmp) .*");
    private static final Pattern PAIR = Pattern.compile("(\\w+)=(\\S+)");

    private ConntrackRecording() {
    }

    public static List<Entry> entries(String corpusName) {
        List<Entry> entries = new ArrayList<>();
        for (String line : Corpus.lines(corpusName)) {
            Matcher m = LINE.matcher(line.strip());
            if (!m.matches()) continue;
            int original = line.indexOf(" src="), reply = line.indexOf(" src=", original + 1);
            Map<String, String> o = pairs(line.substring(original, reply)), r = pairs(line.substring(reply));
            boolean icmp = m.group(4).equals("icmp");
            entries.add(new Entry(m.group(3).equals("DESTROY"), Long.parseLong(m.group(1)) * 1_000_000 + Long.parseLong(m.group(2)),
                    m.group(4), o.get("src"), Integer.parseInt(o.get(icmp ? "id" : "sport")), r.get("dst"),
                    Integer.parseInt(r.get(icmp ? "id" : "dport")), o.get("dst"), icmp ? 0 : Integer.parseInt(o.get("dport")),
                    count(o.get("packets")), count(o.get("bytes")), count(r.get("packets")), count(r.get("bytes"))));
        }
        return entries;
    }

    private static Map<String, String> pairs(String text) {
        Map<String, String> pairs = new HashMap<>();
        Matcher m = PAIR.matcher(text);
        while (m.find()) pairs.put(m.group(1), m.group(2));
        return pairs;
    }

    private static long count(String digits) {
        return digits == null ? -1 : Long.parseLong(digits);
    }

    /** A program that prints the recording, then waits to be ended, as {@code conntrack -E} does. */
    public static Path standIn(Path dir, String corpusName) throws IOException {
        Path script = dir.resolve("conntrack.sh");
        Files.writeString(script, "#!/bin/sh\ncat '" + Corpus.path(corpusName) + "'\nexec sleep 600\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }
}
