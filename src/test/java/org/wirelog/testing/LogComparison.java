package org.wirelog.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares normalized logs line by line, treating {@code <Pn>} placeholders as variables: each of our
 * placeholders must stand for one and the same placeholder of the reference throughout. (Real Dante
 * sometimes reuses the client's port number outside, "sameport", which merges two of its placeholders;
 * so the mapping from ours to theirs must be a function, not necessarily one-to-one.)
 */
public final class LogComparison {

    private static final Pattern PLACEHOLDER = Pattern.compile("<P\\d+>");

    private LogComparison() {
    }

    /** @return null when equal, else a description of the first difference with both logs */
    public static String difference(List<String> expected, List<String> actual) {
        Map<String, String> ours = new HashMap<>();
        int lines = Math.max(expected.size(), actual.size());
        for (int i = 0; i < lines; i++) {
            String want = i < expected.size() ? expected.get(i) : "<no line>";
            String got = i < actual.size() ? actual.get(i) : "<no line>";
            if (!sameShape(want, got, ours)) {
                return "line " + (i + 1) + " differs\n expected: " + want + "\n actual:   " + got
                        + "\n--- expected ---\n" + String.join("\n", expected) + "\n--- actual ---\n" + String.join("\n", actual);
            }
        }
        return null;
    }

    private static boolean sameShape(String expected, String actual, Map<String, String> mapping) {
        Matcher e = PLACEHOLDER.matcher(expected);
        Matcher a = PLACEHOLDER.matcher(actual);
        List<String> wanted = new ArrayList<>();
        List<String> got = new ArrayList<>();
        while (e.find()) wanted.add(e.group());
        while (a.find()) got.add(a.group());
        if (wanted.size() != got.size()) return false;
        if (!PLACEHOLDER.matcher(expected).replaceAll("<P>").equals(PLACEHOLDER.matcher(actual).replaceAll("<P>"))) return false;
        for (int i = 0; i < got.size(); i++) {
            String previous = mapping.putIfAbsent(got.get(i), wanted.get(i));
            if (previous != null && !previous.equals(wanted.get(i))) return false;
        }
        return true;
    }
}
