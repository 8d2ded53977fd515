package org.wirelog.socks;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What real Dante itself varies on when a session is driven by curl and an HTTP server that both close
 * (REPORT 11.2): how TCP chunks the response, whose EOF is seen first, and the Date header. Applied to both
 * sides of a comparison; all else stays exact.
 */
final class LooseLog {

    private static final Pattern IO_LINE = Pattern.compile("^(.* -: .*) \\((\\d+)\\)(?:: (.*))?$");

    private LooseLog() {
    }

    static List<String> apply(List<String> lines) {
        List<String> out = new ArrayList<>();
        String previousHead = null;
        long previousCount = 0;
        String previousData = null;
        for (String raw : lines) {
            String line = raw.replaceAll("Date: [A-Z][a-z]{2}, \\d\\d [A-Z][a-z]{2} \\d{4} \\d\\d:\\d\\d:\\d\\d GMT", "Date: <date>")
                    .replace("local client closed", "<closed>").replace("remote peer closed", "<closed>");
            Matcher io = IO_LINE.matcher(line);
            if (io.matches() && io.group(2).equals("0")) continue; // whose EOF came first is a race
            if (io.matches() && io.group(1).equals(previousHead)) {
                previousCount += Long.parseLong(io.group(2));
                if (io.group(3) != null) previousData = (previousData == null ? "" : previousData) + io.group(3);
                out.set(out.size() - 1, render(previousHead, previousCount, previousData));
                continue;
            }
            if (io.matches()) {
                previousHead = io.group(1);
                previousCount = Long.parseLong(io.group(2));
                previousData = io.group(3);
            } else {
                previousHead = null;
            }
            out.add(line);
        }
        return out;
    }

    private static String render(String head, long count, String data) {
        return head + " (" + count + ")" + (data == null ? "" : ": " + data);
    }
}
