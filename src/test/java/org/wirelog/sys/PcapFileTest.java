package org.wirelog.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.wirelog.nat.Corpus;
import org.wirelog.testing.PcapFrames;
import org.wirelog.testing.PcapWriter;
import org.wirelog.testing.PcapngWriter;

/** Classic pcap files read directly give what libpcap gives: the same frames, the same stamps, the same errors. */
class PcapFileTest {

    /** What a reader gave: its frames, then how it ended (null: the end of the file; else the error). */
    private record Reading(List<String> frames, String end) {
    }

    @TempDir
    Path dir;

    private static Reading read(FrameSource source) {
        List<String> frames = new ArrayList<>();
        var frame = new CapturedFrame(1 << 18);
        try (source) {
            while (source.next(frame)) {
                frames.add(frame.micros() + " " + Arrays.toString(Arrays.copyOf(frame.bytes(), frame.length())));
            }
            return new Reading(frames, null);
        } catch (PcapException e) {
            return new Reading(frames, e.getMessage());
        }
    }

    private static Reading byLibpcap(Path file) throws PcapException {
        return read(Pcap.openOffline(file));
    }

    private static Reading directly(Path file) throws PcapException {
        FrameSource source = FrameSource.openFile(file);
        assertThat(source).isInstanceOf(PcapFile.class);
        return read(source);
    }

    /** The corpus's inside capture written again in the given form; its stamps end in odd microseconds. */
    private Path corpusAs(String name, ByteOrder order, boolean nanoseconds) throws IOException {
        Path file = dir.resolve(name);
        try (var w = new PcapWriter(file, PcapWriter.ETHERNET, order, nanoseconds)) {
            for (PcapFrames.Frame f : PcapFrames.of(Corpus.path("pcap/fwin.pcap"))) w.frame(f.micros(), f.bytes());
        }
        return file;
    }

    static Stream<Arguments> forms() {
        return Stream.of(Arguments.of(ByteOrder.LITTLE_ENDIAN, false), Arguments.of(ByteOrder.BIG_ENDIAN, false),
                Arguments.of(ByteOrder.LITTLE_ENDIAN, true), Arguments.of(ByteOrder.BIG_ENDIAN, true));
    }

    @ParameterizedTest(name = "{0}, nanoseconds {1}")
    @MethodSource("forms")
    void framesAndStampsAreLibpcaps(ByteOrder order, boolean nanoseconds) throws IOException {
        Path file = corpusAs("form.pcap", order, nanoseconds);
        Reading direct = directly(file);
        assertThat(direct.frames()).hasSize(PcapFrames.of(Corpus.path("pcap/fwin.pcap")).size());
        assertThat(direct).isEqualTo(byLibpcap(file));
        assertThat(direct.end()).isNull();
        assertThat(FrameSource.openFile(file).linkType()).isEqualTo(PcapWriter.ETHERNET);
    }

    /** A file cut anywhere after its header: the frames before the cut, then libpcap's own words for the damage. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aFileCutAnywhereEndsAsInLibpcap(long seed) throws IOException {
        byte[] whole = Files.readAllBytes(corpusAs("whole.pcap", ByteOrder.LITTLE_ENDIAN, false));
        Random random = new Random(seed);
        for (int i = 0; i < 20; i++) {
            int length = 24 + random.nextInt(whole.length - 24);
            Path cut = Files.write(dir.resolve("cut-" + length + ".pcap"), Arrays.copyOf(whole, length));
            Reading direct = directly(cut);
            assertThat(direct).as("cut at %d", length).isEqualTo(byLibpcap(cut));
            if (direct.end() != null) assertThat(direct.end()).startsWith(cut + ": truncated dump file; tried to read ");
        }
    }

    static LongStream seeds() {
        return LongStream.of(1, 2, 3, 4, 5);
    }

    /**
     * The file is mapped a window at a time: with windows of a page, records start and end across the windows'
     * edges, and every frame and the end of a file cut anywhere still come out as libpcap gives them.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void smallWindowsReadWhatLibpcapReads(long seed) throws IOException {
        byte[] whole = Files.readAllBytes(corpusAs("whole.pcap", ByteOrder.BIG_ENDIAN, true));
        Random random = new Random(seed);
        for (int length : new int[] {whole.length, 24 + random.nextInt(whole.length - 24)}) {
            Path file = Files.write(dir.resolve("windows-" + length + ".pcap"), Arrays.copyOf(whole, length));
            assertThat(read(PcapFile.open(file, 4096))).as("%d bytes", length).isEqualTo(byLibpcap(file));
        }
    }

    /** A pipe (anything but a regular file) is libpcap's to read: a window cannot be mapped from it. */
    @Test
    void aPipeGoesToLibpcap() throws Exception {
        Path fifo = dir.resolve("capture.fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        assertThat(PcapFile.open(fifo)).isNull();
    }

    /** Past the file's snapshot length a record is cut to it; past libpcap's largest, it is damage. */
    @Test
    void recordsLongerThanTheSnapshotLength() throws IOException {
        Path file = dir.resolve("long.pcap");
        byte[] counting = new byte[70_000];
        for (int i = 0; i < counting.length; i++) counting[i] = (byte) i;
        try (var w = new PcapWriter(file, PcapWriter.ETHERNET)) { // snapshot length 65535
            w.frame(1_000_000, new byte[60]).frame(2_000_000, counting).frame(3_000_000, new byte[262_145]);
        }
        Reading direct = directly(file);
        assertThat(direct).isEqualTo(byLibpcap(file));
        assertThat(direct.frames()).hasSize(2);
        assertThat(direct.end()).isEqualTo(file + ": invalid packet capture length 262145, bigger than snaplen of 65535");
    }

    /** pcapng, and files that are no capture at all, are libpcap's to read or refuse. */
    @Test
    void otherFilesGoToLibpcap() throws IOException {
        Path pcap = corpusAs("same.pcap", ByteOrder.LITTLE_ENDIAN, false), pcapng = dir.resolve("same.pcapng");
        try (var w = new PcapngWriter(pcapng, PcapWriter.ETHERNET)) {
            for (PcapFrames.Frame f : PcapFrames.of(Corpus.path("pcap/fwin.pcap"))) w.frame(f.micros(), f.bytes());
        }
        FrameSource source = FrameSource.openFile(pcapng);
        assertThat(source).isInstanceOf(Pcap.class);
        Reading ng = read(source), classic = directly(pcap);
        assertThat(ng).isEqualTo(classic);

        Path text = Files.writeString(dir.resolve("notes.txt"), "no capture in here, just words\n");
        assertThatThrownBy(() -> FrameSource.openFile(text)).isInstanceOf(PcapException.class)
                .hasMessageStartingWith(text + ": ");
    }
}
