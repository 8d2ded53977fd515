package org.wirelog.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The normalization of the Dante reference corpus (REPORT section 11.1), in Java: strips the line prefix,
 * maps fixed ports back to the corpus's numbers, and numbers every other port {@code <Pn>} by first
 * appearance, so that a wirelog log and a real danted log can be compared line by line.
 */
public final class DanteLogNormalizer {

    private static final Pattern PREFIX = Pattern.compile(
            "^[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\(\\d+\\.\\d{6}\\) [\\w.-]+\\[\\d+\\]: (\\w+): ");
    /** An address token: IPv4 or IPv6 address, a dot, a port; maybe behind "user@" or "[". */
    private static final Pattern ADDRESS = Pattern.compile(
            "(?<![\\w.:-])((?:\\d{1,3}\\.){3}\\d{1,3}|[0-9a-fA-F]*:[0-9a-fA-F:]*|[A-Za-z][\\w-]*(?:\\.[A-Za-z][\\w-]*)*)\\.(\\d{1,5})(?![\\w.])");

    private static final Pattern HOST_PORT = Pattern.compile("(?<=[\\w\\]]):(\\d{4,5})(?=\\\\r)");

    private final Map<Integer, Integer> fixedPorts;
    private final Map<Integer, String> fixedOn;

    /** @param fixedPorts our port numbers mapped to the corpus's (10800 for the server, 10810 for the echo...) */
    public DanteLogNormalizer(Map<Integer, Integer> fixedPorts) {
        this(fixedPorts, Map.of());
    }

    /**
     * @param fixedOn for fixed ports that live on one address: that address. The same port number on another
     *                address (the kernel hands out ports per address) is then an ephemeral port like any other.
     */
    public DanteLogNormalizer(Map<Integer, Integer> fixedPorts, Map<Integer, String> fixedOn) {
        this.fixedPorts = Map.copyOf(fixedPorts);
        this.fixedOn = Map.copyOf(fixedOn);
    }

    public List<String> normalize(List<String> rawLines) {
        Map<Integer, String> placeholders = new HashMap<>();
        List<String> out = new ArrayList<>();
        for (String raw : rawLines) {
            Matcher prefix = PREFIX.matcher(raw);
            String line = prefix.lookingAt() ? raw.substring(prefix.end()) : raw;
            out.add(hostHeaderPorts(ports(line, placeholders)));
        }
        return out;
    }

    /** A fixed port written as host:port inside logged data (an HTTP Host header) maps back too. */
    private String hostHeaderPorts(String line) {
        Matcher m = HOST_PORT.matcher(line);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Integer corpus = fixedPorts.get(Integer.parseInt(m.group(1)));
            m.appendReplacement(out, ":" + (corpus == null ? m.group(1) : corpus));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String ports(String line, Map<Integer, String> placeholders) {
        Matcher m = ADDRESS.matcher(line);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int port = Integer.parseInt(m.group(2));
            String replacement;
            String host = m.group(1);
            boolean literal = host.contains(":") || Character.isDigit(host.charAt(0));
            boolean fixedHere = !literal || !fixedOn.containsKey(port) || fixedOn.get(port).equals(host);
            if (fixedPorts.containsKey(port) && fixedHere) {
                replacement = String.valueOf(fixedPorts.get(port));
            } else if (port < 1024) {
                replacement = String.valueOf(port);
            } else {
                replacement = placeholders.computeIfAbsent(port, p -> "<P" + (placeholders.size() + 1) + ">");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + "." + replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * What varies between runs on the real Dante too (REPORT 11.2): session durations, elapsed seconds,
     * the server's own name and version. Masked on both sides before comparing.
     */
    public static String maskTiming(String line) {
        return line.replaceAll("Session duration: \\d+s", "Session duration: <N>s")
                .replaceAll(" in \\d+ seconds?:", " in <N> seconds:")
                .replaceAll("negotiate timeout after \\d+ seconds?", "negotiate timeout after <N> seconds")
                .replaceAll("^(Dante|wirelog)/server\\[1/1\\] v\\S+ running$", "<server>/server[1/1] running");
    }
}
