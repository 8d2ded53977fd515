package org.wirelog.format.ipprot;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.wirelog.testing.Invariant;

/**
 * The ipprotd connection log under a coverage-guided fuzzer: the -C template a user gives is a template or an
 * {@link IllegalArgumentException} naming what is wrong; a log reads into entries or such an exception naming
 * the line; never another exception. Seeds: entries of the default template and the templates of the tests.
 */
public class ConnectionLogFuzzTest {

    private final ConnectionLogReader reader = new ConnectionLogReader(Template.parse(Template.DEFAULT));

    @FuzzTest
    public void template(byte[] format) {
        try {
            Template template = Template.parse(new String(format, StandardCharsets.UTF_8));
            Invariant.holds(new ConnectionLogReader(template).linesPerEntry() > 0, "new ConnectionLogReader(template).linesPerEntry() is positive");
        } catch (IllegalArgumentException e) {
            Invariant.holds(e.getMessage().contains("connection log format"), "e.getMessage() names " + "connection log format");
        }
    }

    @FuzzTest
    public void log(byte[] log) {
        String text = new String(log, StandardCharsets.UTF_8);
        try {
            Invariant.holds(!reader.read(text).contains(null), "every entry is there");
        } catch (IllegalArgumentException e) {
            Invariant.holds(e.getMessage().startsWith("line "), "e.getMessage() starts with " + "line ");
        }
        for (String line : text.split("\n")) {
            try {
                reader.entry(line);
            } catch (IllegalArgumentException e) {
                Invariant.says(e);
            }
        }
    }
}
