package org.wirelog.read;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.time.ZoneOffset;
import org.wirelog.format.ipprot.Template;
import org.wirelog.testing.Invariant;

/**
 * The log reader of {@code who}, {@code convert} and {@code index} under a coverage-guided fuzzer: any file
 * (plain, gzip or bzip2, of any kinds of lines mixed) reads into records, every line it cannot read a
 * problem named by file and line, damaged compressed data one such problem for the rest of the file; never
 * an exception. Seeds: pieces of the Dante and natlog reference logs, a mixed log
 * plain and compressed.
 */
public class LogReaderFuzzTest {

    @FuzzTest
    public void logFile(byte[] file) {
        ReadOptions options = new ReadOptions(2026, ZoneOffset.UTC, Template.parse(Template.DEFAULT));
        LogReader reader = new LogReader(options, record -> Invariant.holds(record.origin().file().equals("fuzz.log"), "a record names its log"),
                problem -> {
                    Invariant.holds(problem.origin().file().equals("fuzz.log"), "a problem names its log");
                    Invariant.holds(problem.origin().line() > 0, "a problem names its line");
                    Invariant.holds(!problem.reason().isBlank(), "a problem says what is wrong");
                });
        reader.read(new LogInputs.Input("fuzz.log", () -> new ByteArrayInputStream(file)));
        reader.finish();
        Invariant.holds(reader.unread() <= reader.lines() + 1, "no more problems than lines, and a damaged rest");
    }
}
