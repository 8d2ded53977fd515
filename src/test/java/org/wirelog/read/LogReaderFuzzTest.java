package org.wirelog.read;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.ZoneOffset;
import org.wirelog.format.ipprot.Template;

/**
 * The log reader of {@code who}, {@code convert} and {@code index} under a coverage-guided fuzzer: any file
 * (plain, gzip or bzip2, of any kinds of lines mixed) reads into records, every line it cannot read a
 * problem named by file and line; damaged compressed data is an {@link IOException} naming the file and
 * where; never another exception. Seeds: pieces of the Dante and natlog reference logs, a mixed log
 * plain and compressed.
 */
class LogReaderFuzzTest {

    @FuzzTest
    void logFile(byte[] file) {
        ReadOptions options = new ReadOptions(2026, ZoneOffset.UTC, Template.parse(Template.DEFAULT));
        LogReader reader = new LogReader(options, record -> assertThat(record.origin().file()).isEqualTo("fuzz.log"),
                problem -> {
                    assertThat(problem.origin().file()).isEqualTo("fuzz.log");
                    assertThat(problem.origin().line()).isPositive();
                    assertThat(problem.reason()).isNotBlank();
                });
        try {
            reader.read(new LogInputs.Input("fuzz.log", () -> new ByteArrayInputStream(file)));
        } catch (IOException e) {
            assertThat(e.getMessage()).startsWith("fuzz.log");
        }
        reader.finish();
        assertThat(reader.unread()).isBetween(0L, reader.lines() + 1);
    }
}
