package org.wirelog.format.ipprot;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a connection log back, given the -C template it was written with. An entry may span several lines
 * (%n); each ends with the newline the writer puts after it.
 */
public final class ConnectionLogReader {

    private final Pattern entry;
    private final Pattern single;
    private final List<Expression> fields;
    private final int lines;

    public ConnectionLogReader(Template template) {
        this.entry = Pattern.compile("\\G(?:" + template.pattern().pattern() + ")\n");
        this.single = template.pattern();
        this.fields = template.fields();
        this.lines = (int) template.toString().replace("%%", "").split("%n", -1).length;
    }

    /** How many lines one entry takes: one more than the template's {@code %n}. */
    public int linesPerEntry() {
        return lines;
    }

    /**
     * One entry, its lines joined with newlines, without the newline after it: for a reader that goes
     * line by line and skips what it cannot read.
     *
     * @return the entry, or null when the text is not one of this template
     */
    public ConnectionEntry entry(String text) {
        Matcher m = single.matcher(text);
        return m.matches() ? entry(m) : null;
    }

    private ConnectionEntry entry(Matcher m) {
        Map<Expression, String> values = new EnumMap<>(Expression.class);
        for (int i = 0; i < fields.size(); i++) values.putIfAbsent(fields.get(i), m.group(i + 1));
        return ConnectionEntry.fromFields(values);
    }

    /** @throws IllegalArgumentException at the first text that is not an entry of this template, with its line number */
    public List<ConnectionEntry> read(String log) {
        List<ConnectionEntry> entries = new ArrayList<>();
        Matcher m = entry.matcher(log);
        int at = 0;
        while (at < log.length()) {
            long line = log.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
            if (!m.find(at)) {
                int endOfLine = log.indexOf('\n', at);
                throw new IllegalArgumentException("line " + line + ": not an entry of this connection log format: "
                        + log.substring(at, endOfLine < 0 ? log.length() : endOfLine));
            }
            try {
                entries.add(entry(m));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + line + ": " + e.getMessage());
            }
            at = m.end();
        }
        return entries;
    }
}
