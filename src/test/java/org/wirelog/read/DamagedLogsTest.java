package org.wirelog.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wirelog.format.ipprot.Template;

/**
 * Logs as they come from the field: compressed data damaged or cut short, a log cut off in the middle of a
 * line, unreadable lines among good ones, every kind of log in one file. A log that cannot be read to its end
 * is one problem naming the file, the first line not read and the byte near which the damage lies; what came
 * before it is read, and so is the next log.
 */
class DamagedLogsTest {

    @TempDir
    Path dir;

    /** A log of a few hundred kilobytes, the damage well inside it: the mixed log again and again. */
    private static final byte[] LOG = mixedLog().repeat(400).getBytes(StandardCharsets.UTF_8);
    private static final int LINES = (int) mixedLog().lines().count() * 400;

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "bzip2"})
    void damagedCompressedDataIsOneProblemAndTheNextLogIsRead(String format) throws IOException {
        byte[] compressed = compress(format, LOG);
        for (int i = compressed.length / 2; i < compressed.length / 2 + 64; i++) compressed[i] ^= 0x5a;
        Path damaged = write("damaged.log." + format, compressed), good = write("good.log", LOG);

        Read read = read(damaged, good);

        Problem damage = read.damage(damaged);
        assertThat(damage.reason()).matches("the rest of the log is unreadable: " + format + " data damaged or cut short near byte \\d+ of the file \\(.+\\)");
        assertThat(damage.origin().line()).isBetween(2L, (long) LINES);
        assertThat(read.recordsFrom(good.toString())).isEqualTo(read(good).recordsFrom(good.toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "bzip2"})
    void compressedDataCutShortIsOneProblemAfterTheLinesItHeld(String format) throws IOException {
        byte[] compressed = compress(format, LOG);
        Path cut = write("cut.log." + format, Arrays.copyOf(compressed, compressed.length * 2 / 3)), good = write("good.log", LOG);

        Read read = read(cut, good);

        Problem damage = read.damage(cut);
        assertThat(damage.reason()).matches("the rest of the log is unreadable: " + format + " data damaged or cut short near byte \\d+ of the file \\(.+\\)");
        assertThat(damage.origin().line()).isBetween(LINES / 3L, (long) LINES);
        assertThat(read.recordsFrom(cut.toString())).isPositive();
        assertThat(read.recordsFrom(good.toString())).isEqualTo(read(good).recordsFrom(good.toString()));
    }

    @Test
    void aDamagedGzipHeaderMakesTheLogUnreadableFromItsFirstLine() throws IOException {
        byte[] compressed = compress("gzip", LOG);
        compressed[3] = (byte) 0xe0; // reserved flag bits
        Path damaged = write("header.log.gz", compressed);

        Problem damage = read(damaged).damage(damaged);

        assertThat(damage.origin()).isEqualTo(new Origin(damaged.toString(), 1));
        assertThat(damage.reason()).startsWith("unreadable: gzip data damaged or cut short near byte ");
    }

    @Test
    void aLogCutOffInTheMiddleOfALineReportsThatLine() throws IOException {
        String text = mixedLog();
        Path cut = write("cut.log", text.substring(0, text.indexOf("dst=10.77.0.2") + 8).getBytes(StandardCharsets.UTF_8));

        Read read = read(cut);

        assertThat(read.problems).singleElement().satisfies(p -> {
            assertThat(p.origin()).isEqualTo(new Origin(cut.toString(), 7));
            assertThat(p.line()).endsWith("src=192.168.77.2 dst=10.7");
        });
    }

    @Test
    void everyUnreadableLineIsCountedWithItsFileAndLine() throws IOException {
        List<String> lines = new ArrayList<>(mixedLog().lines().toList());
        lines.add(3, "garbage one");
        lines.add(7, "Nov 23 12:03:33 host kernel: IN=eth0 OUT= SRC=10.0.0.1 DST=10.0.0.2 LEN=84 PROTO=ICMP TYPE=8");
        lines.add("from Nov 38 12:03:34:163059 thru Nov 38 12:03:34:163099:  tcp 192.168.077.002,41004");
        Path log = write("some-bad.log", String.join("\n", lines).getBytes(StandardCharsets.UTF_8));

        Read read = read(log);

        assertThat(read.problems).extracting(p -> p.origin().toString() + " " + p.reason()).containsExactly(
                log + ":4 not a line of any log wirelog reads",
                log + ":8 ICMP TYPE= without CODE=",
                log + ":" + lines.size() + " not a time of natlog's: Nov 38 12:03:34:163059");
    }

    @Test
    void aLogOfEveryKindMixedReadsTheSamePlainGzipAndBzip2() throws IOException {
        Read plain = read(write("mixed.log", LOG));
        assertThat(plain.problems).isEmpty();
        assertThat(plain.records.stream().map(Record::kind).distinct().sorted().toList())
                .containsExactly(LogKind.DANTE, LogKind.NATLOG, LogKind.IPPROT, LogKind.CONNTRACK, LogKind.IPCHAINS, LogKind.NETFILTER);
        for (String format : List.of("gzip", "bzip2")) {
            Read compressed = read(write("mixed." + format, compress(format, LOG)));
            assertThat(compressed.problems).as(format).isEmpty();
            assertThat(compressed.records.stream().map(DamagedLogsTest::shown).toList()).as(format)
                    .isEqualTo(plain.records.stream().map(DamagedLogsTest::shown).toList());
        }
    }

    private record Read(List<Record> records, List<Problem> problems) {
        Problem damage(Path file) {
            return problems.stream().filter(p -> p.origin().file().equals(file.toString()) && p.line().isEmpty())
                    .collect(Collectors.collectingAndThen(Collectors.toList(), found -> {
                        assertThat(found).as("the problems of " + file + ": " + problems).hasSize(1);
                        return found.getFirst();
                    }));
        }

        long recordsFrom(String file) {
            return records.stream().filter(r -> r.origin().file().equals(file)).count();
        }
    }

    /** What a record says, without where it was read or the session number a log without one is given. */
    private static String shown(Record record) {
        return switch (record) {
            case Record.Connection c -> c.origin().line() + " " + c.kind() + " " + c.begin() + " " + c.end() + " " + c.session().client() + " "
                    + c.outside() + " " + c.traffic() + " " + c.status();
            case Record.PacketSeen p -> p.origin().line() + " " + p.kind() + " " + p.time() + " " + p.entry();
        };
    }

    private Read read(Path... logs) throws IOException {
        List<Record> records = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        LogReader reader = new LogReader(new ReadOptions(2026, ZoneOffset.UTC, Template.parse(Template.DEFAULT)), records::add, problems::add);
        for (LogInputs.Input input : LogInputs.of(Arrays.stream(logs).map(Path::toString).toList(), InputStream.nullInputStream())) {
            reader.read(input);
        }
        reader.finish();
        return new Read(records, problems);
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    /** bzip2 in blocks of 100 kB, so that a log of a few hundred has several, as a big log has. */
    static byte[] compress(String format, byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = format.equals("gzip") ? new GZIPOutputStream(bytes) : new BZip2CompressorOutputStream(bytes, 1)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }

    private static String mixedLog() {
        try (InputStream in = DamagedLogsTest.class.getResourceAsStream("mixed.log")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
