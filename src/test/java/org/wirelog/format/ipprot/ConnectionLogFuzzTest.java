package org.wirelog.format.ipprot;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * The ipprotd connection log under a coverage-guided fuzzer: the -C template a user gives is a template or an
 * {@link IllegalArgumentException} naming what is wrong; a log reads into entries or such an exception naming
 * the line; never another exception. Seeds: entries of the default template and the templates of the tests.
 */
class ConnectionLogFuzzTest {

    private final ConnectionLogReader reader = new ConnectionLogReader(Template.parse(Template.DEFAULT));

    @FuzzTest
    void template(byte[] format) {
        try {
            Template template = Template.parse(new String(format, StandardCharsets.UTF_8));
            assertThat(new ConnectionLogReader(template).linesPerEntry()).isPositive();
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).contains("connection log format");
        }
    }

    @FuzzTest
    void log(byte[] log) {
        String text = new String(log, StandardCharsets.UTF_8);
        try {
            assertThat(reader.read(text)).doesNotContainNull();
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).startsWith("line ");
        }
        for (String line : text.split("\n")) {
            try {
                reader.entry(line);
            } catch (IllegalArgumentException e) {
                assertThat(e.getMessage()).isNotBlank();
            }
        }
    }
}
