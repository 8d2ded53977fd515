package org.wirelog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the reading commands say about what they could not read: every unreadable line by log and line, the
 * first twenty shown and the rest summed up per log (or all of them, {@code --all-problems}); a damaged
 * compressed log once, the logs after it read; the exit status 1.
 */
class ReadingProblemsTest {

    private static final String NATLOG = "from 1795435412:223822 thru 1795435415:435596:  tcp 192.168.077.002,41001 "
            + "(via: 010.077.000.001,41001) to 010.077.000.002,8000;  sent:        420, received:       2216\n";

    @TempDir
    Path dir;

    @Test
    void pastTwentyUnreadableLinesEachLogSaysHowManyAndWhere() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.log"), NATLOG + "garbage\n".repeat(25) + NATLOG);
        Path good = Files.writeString(dir.resolve("good.log"), NATLOG + "garbage\n" + NATLOG);

        Run run = convert(List.of(), bad, good);

        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.out.lines()).hasSize(4);
        List<String> said = run.err.lines().toList();
        assertThat(said.subList(0, 20)).containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(2, 21)
                .mapToObj(n -> "wirelog: " + bad + ":" + n + ": not a line of any log wirelog reads: garbage").toList());
        assertThat(said.subList(20, said.size())).containsExactly(
                "wirelog: 26 unreadable lines in all, skipped; the first 20 shown (--all-problems shows each)",
                "wirelog: " + bad + ": 25 unreadable lines (lines 2 to 26)",
                "wirelog: " + good + ": 1 unreadable line (2)");
    }

    @Test
    void allProblemsShowsEveryUnreadableLine() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.log"), "garbage\n".repeat(25));

        Run run = convert(List.of("--all-problems"), bad);

        assertThat(run.err.lines()).hasSize(25).last().isEqualTo("wirelog: " + bad + ":25: not a line of any log wirelog reads: garbage");
    }

    @Test
    void aDamagedCompressedLogIsSaidOnceAndTheNextIsRead() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(NATLOG.repeat(2000).getBytes());
        }
        byte[] cut = Arrays.copyOf(bytes.toByteArray(), bytes.size() / 2);
        Path damaged = Files.write(dir.resolve("nat.log.gz"), cut), good = Files.writeString(dir.resolve("good.log"), NATLOG);

        Run run = convert(List.of(), damaged, good);

        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.err).matches("wirelog: " + damaged + ":\\d+: the rest of the log is unreadable: gzip data damaged or cut short near byte "
                + "\\d+ of the file \\(.*\\)\n");
        long converted = run.out.lines().count();
        assertThat(converted).isBetween(2L, 2000L); // what came before the damage, and the good log's line
        assertThat(run.out.lines().toList().getLast()).contains("\"file\":\"" + good + "\"");
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static Run convert(List<String> options, Path... logs) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        List<String> args = new ArrayList<>(List.of("convert", "--to", "json", "--no-progress"));
        args.addAll(options);
        for (Path log : logs) args.add(log.toString());
        int code = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }
}
