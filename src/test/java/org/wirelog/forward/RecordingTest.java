package org.wirelog.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wirelog.forward.ForwardingTest.random;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wirelog.format.ipprot.Rfc3339;
import org.wirelog.model.Event;

class RecordingTest {

    @TempDir
    Path dir;

    private final Conversation http = Conversation.of(
            "GET / HTTP/1.1\r\nHost: a\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi",
            "GET /b HTTP/1.1\r\nHost: a\r\n\r\n", "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");

    private byte[] record(Conversation conversation, String... options) throws Exception {
        try (var server = conversation.server(); var forwarder = start(server, options)) {
            conversation.runThrough(forwarder);
            forwarder.awaitEnded(1);
            assertThat(server.failures).isEmpty();
        }
        return Files.readAllBytes(Recordings.only(dir, "prot"));
    }

    private TestForwarder start(LoopbackServer server, String... options) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("-P" + server.port() + "@127.0.0.1", "-f", dir.resolve("prot").toString()));
        args.addAll(List.of(options));
        return TestForwarder.start(args.toArray(String[]::new));
    }

    @Test
    void withoutLOrUpperLRecordsOnlyTheTrafficToTheEstablisher() throws Exception {
        assertThat(record(http)).isEqualTo(http.responseBytes());
    }

    @Test
    void lowerLRecordsBothDirectionsInTheOrderTheyHappened() throws Exception {
        assertThat(record(http, "-l")).isEqualTo(http.bothWays());
    }

    @Test
    void upperLRecordsOnlyWhatTheEstablisherSends() throws Exception {
        assertThat(record(http, "-L")).isEqualTo(http.requestBytes());
    }

    @ParameterizedTest
    @ValueSource(longs = {7, 8})
    void largeBinaryTrafficIsRecordedByteForByte(long seed) throws Exception {
        var big = new Conversation(List.of(random(seed, 700_000), random(seed + 1, 10)),
                List.of(random(seed + 2, 1_500_000), random(seed + 3, 1)));
        assertThat(record(big, "-l")).isEqualTo(big.bothWays());
    }

    @Test
    void fileNameIsPrefixStartTimeNumberAndClientIp() throws Exception {
        try (var server = http.server(); var forwarder = start(server)) {
            http.runThrough(forwarder);
            var closed = (Event.SessionClosed) forwarder.awaitEnded(1).getFirst();
            String stamp = DateTimeFormatter.ofPattern("yyyy-MM-dd_HHmmss").format(closed.session().begin().atZone(TestForwarder.ZONE));
            assertThat(Recordings.only(dir, "prot").getFileName().toString())
                    .isEqualTo("prot_" + stamp + "_" + closed.session().id() + "_127.0.0.1");
        }
    }

    @Test
    void printableOnlyFoldsEachRunOfOtherBytesIntoOneBlankAcrossReads() throws Exception {
        var binary = Conversation.of("abc\u0000", "1", "\u0001\u00ff\u00e9def\t\r\n\u007fx y", "2");
        assertThat(new String(record(binary, "-L", "-s"), StandardCharsets.ISO_8859_1)).isEqualTo("abc def\t\r\n x y");
    }

    @Test
    void markersPrecedeEachBlockWithItsDirectionAndMicroseconds() throws Exception {
        long before = micros(Instant.now());
        byte[] file = record(http, "-l", "-M");
        long after = micros(Instant.now());
        var blocks = Recordings.blocks(file);
        assertThat(Recordings.data(blocks, "848367")).isEqualTo(http.requestBytes());
        assertThat(Recordings.data(blocks, "948366")).isEqualTo(http.responseBytes());
        assertThat(blocks.getFirst().magic()).isEqualTo("848367");
        assertThat(blocks).allSatisfy(b -> assertThat(b.micros()).isBetween(before, after));
        assertThat(blocks.stream().mapToLong(Recordings.MarkedBlock::micros).toArray()).isSorted();
    }

    @Test
    void markersOfTheUnrecordedDirectionStayWithoutDataAsInThePagesExample() throws Exception {
        var blocks = Recordings.blocks(record(http, "-M"));
        assertThat(blocks).filteredOn(b -> b.magic().equals("848367")).isNotEmpty().allSatisfy(b -> assertThat(b.data()).isEmpty());
        assertThat(Recordings.data(blocks, "948366")).isEqualTo(http.responseBytes());
    }

    @Test
    void bufferSizeLimitsEveryPieceRead() throws Exception {
        var bulk = new Conversation(List.of(random(3, 20_000)), List.of(new byte[] {1}));
        var blocks = Recordings.blocks(record(bulk, "-b100", "-L", "-M"));
        assertThat(blocks).filteredOn(b -> b.magic().equals("848367")).hasSizeGreaterThanOrEqualTo(200)
                .allSatisfy(b -> assertThat(b.data().length).isBetween(1, 100));
        assertThat(Recordings.data(blocks, "848367")).isEqualTo(bulk.requestBytes());
    }

    @Test
    void timestampComesBeforeTheFirstDataFromTheEstablisherAndThenAfterTheInterval() throws Exception {
        String file = new String(record(http, "-l", "-M", "-t", "3600"), StandardCharsets.ISO_8859_1);
        var firstMarker = java.util.regex.Pattern.compile("^#848367#(\\d{16})\n#748369#([^\n]*)\n").matcher(file);
        assertThat(firstMarker.find()).isTrue();
        Instant at = Instant.EPOCH.plusNanos(Long.parseLong(firstMarker.group(1)) * 1000);
        assertThat(firstMarker.group(2)).isEqualTo(Rfc3339.format(at, TestForwarder.ZONE));
        assertThat(file.split("#748369#", -1)).hasSize(2);

        Files.delete(Recordings.only(dir, "prot"));
        String everyTime = new String(record(http, "-t0"), StandardCharsets.ISO_8859_1);
        assertThat(everyTime.replaceAll("#748369#[^\n]*\n", "")).isEqualTo(new String(http.responseBytes(), StandardCharsets.ISO_8859_1));
        assertThat(everyTime.split("#748369#", -1)).hasSize(3);
    }

    @Test
    void gzipFilesAreReadByGzip() throws Exception {
        var big = new Conversation(List.of(random(11, 300_000)), List.of(random(12, 2_000_000)));
        record(big, "-l", "-z");
        Path file = Recordings.only(dir, "prot");
        assertThat(file.getFileName().toString()).endsWith(".gz");
        var gzip = Recordings.tool("gzip", "-dc", file.toString());
        assertThat(gzip.status()).as(gzip.err()).isZero();
        assertThat(gzip.out()).isEqualTo(big.bothWays());
    }

    @Test
    void bzip2FilesAreReadByBzip2() throws Exception {
        var big = new Conversation(List.of(random(13, 1_200_000)), List.of(random(14, 100)));
        record(big, "-l", "-j", "-M");
        Path file = Recordings.only(dir, "prot");
        assertThat(file.getFileName().toString()).endsWith(".bz2");
        var bzip2 = Recordings.tool("bzip2", "-dc", file.toString());
        assertThat(bzip2.status()).as(bzip2.err()).isZero();
        var blocks = Recordings.blocks(bzip2.out());
        assertThat(Recordings.data(blocks, "848367")).isEqualTo(big.requestBytes());
        assertThat(Recordings.data(blocks, "948366")).isEqualTo(big.responseBytes());
    }

    @Test
    void gzipFileIsReadableWhileTheConnectionStillRuns() throws Exception {
        byte[] request = "first request\n".getBytes(StandardCharsets.US_ASCII);
        try (var server = new LoopbackServer(s -> {
            s.getInputStream().readNBytes(request.length);
            s.getOutputStream().write('!');
            s.getInputStream().readAllBytes();
        }); var forwarder = start(server, "-L", "-z"); Socket client = forwarder.connect()) {
            client.getOutputStream().write(request);
            assertThat(client.getInputStream().read()).isEqualTo('!');
            Path file = Recordings.only(dir, "prot");
            byte[] readable = new byte[0];
            for (int i = 0; i < 200 && readable.length < request.length; i++) {
                Thread.sleep(10);
                readable = Recordings.tool("gzip", "-dc", file.toString()).out();
            }
            // gzip complains that the stream has no end yet, but gives everything flushed so far.
            assertThat(readable).isEqualTo(request);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"-z", "-j"})
    void aConnectionKilledMidTransferLeavesACompleteArchiveOfWhatPassed(String compression) throws Exception {
        byte[] stream = random(21, 8_000_000);
        try (var server = new LoopbackServer(s -> s.getOutputStream().write(stream));
             var forwarder = start(server, compression)) {
            try (Socket client = forwarder.connect()) {
                InputStream in = client.getInputStream();
                assertThat(in.readNBytes(1_000_000)).isEqualTo(java.util.Arrays.copyOf(stream, 1_000_000));
                client.setSoLinger(true, 0);   // close with a reset, as a killed client's kernel does
            }
            var closed = (Event.SessionClosed) forwarder.awaitEnded(1).getFirst();
            long passed = closed.traffic().target().read();
            assertThat(passed).isBetween(1_000_000L, (long) stream.length - 1);
            Path file = Recordings.only(dir, "prot");
            String tool = compression.equals("-z") ? "gzip" : "bzip2";
            assertThat(Recordings.tool(tool, "-t", file.toString()).status()).isZero();
            assertThat(Recordings.tool(tool, "-dc", file.toString()).out()).isEqualTo(java.util.Arrays.copyOf(stream, (int) passed));
        }
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000 + t.getNano() / 1000;
    }
}
