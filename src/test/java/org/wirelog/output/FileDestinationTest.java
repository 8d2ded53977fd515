package org.wirelog.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wirelog.model.Level;

/** The log file's buffer: what reaches the file when, and lines of any length written whole and in order. */
class FileDestinationTest {

    @TempDir
    Path dir;

    @Test
    void linesLongerThanTheBufferAreWrittenWholeAndInOrderAmongTheOthers() throws Exception {
        Path file = dir.resolve("wirelog.log");
        // A log: data line of a 64 KiB read is up to four times as long once encoded.
        List<String> lines = List.of("first", "x".repeat(200_000), "second", "é".repeat(40_000), "third");
        try (FileDestination destination = new FileDestination(file)) {
            for (String line : lines) destination.write(Level.INFO, line, line);
            destination.flush();
            assertThat(Files.readAllLines(file)).isEqualTo(lines);
            destination.write(Level.INFO, "fourth", "fourth");
        }
        assertThat(Files.readString(file)).isEqualTo(String.join("\n", lines) + "\nfourth\n");
    }

    @Test
    void linesWaitForTheFlushUnlessTheBufferFillsAndThenOnlyWholeLinesGoOut() throws Exception {
        Path file = dir.resolve("wirelog.log");
        try (FileDestination destination = new FileDestination(file)) {
            List<String> written = new ArrayList<>();
            for (int n = 0; n < 10; n++) {
                String line = "line " + n;
                destination.write(Level.INFO, line, line);
                written.add(line);
            }
            assertThat(Files.size(file)).as("before the flush").isZero();
            // 1,000 lines of 100 bytes: more than the 64 KiB buffer holds.
            for (int n = 10; n < 1_010; n++) {
                String line = String.format("line %-94d", n);
                destination.write(Level.INFO, line, line);
                written.add(line);
            }
            String early = Files.readString(file);
            assertThat(early).as("what a full buffer wrote").isNotEmpty().endsWith("\n");
            List<String> earlyLines = early.lines().toList();
            assertThat(earlyLines).isEqualTo(written.subList(0, earlyLines.size()));
            assertThat(earlyLines.size()).isLessThan(written.size());
            destination.flush();
            assertThat(Files.readAllLines(file)).isEqualTo(written);
        }
    }
}
