package org.wirelog.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LogLinesTest {

    @Test
    void linesEndAtNewlineCarriageReturnOrBoth() throws IOException {
        assertThat(lines("a\nb\r\nc\rd\n\ne".getBytes(StandardCharsets.US_ASCII), 1 << 20)).containsExactly("a", "b", "c", "d", "", "e");
        assertThat(lines("x\r".getBytes(StandardCharsets.US_ASCII), 1 << 20)).containsExactly("x");
        assertThat(lines(new byte[0], 1 << 20)).isEmpty();
    }

    @Test
    void bytesThatAreNotUtf8AreReplacedNotFatal() throws IOException {
        byte[] bytes = {'h', (byte) 0xc3, (byte) 0xa9, '\n', 'x', (byte) 0xff, 'y', '\n'};
        assertThat(lines(bytes, 1 << 20)).containsExactly("hé", "x\ufffdy");
    }

    /** Random line ends, non-ASCII bytes and line lengths past the 64 KiB buffer, read in random chunks: as BufferedReader reads them. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void readsAsBufferedReaderDoes(long seed) throws IOException {
        Random random = new Random(seed);
        byte[] alphabet = "ab .:\n\r\u00e9".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[200_000 + random.nextInt(100_000)];
        int longRun = random.nextInt(bytes.length - 150_000);
        for (int i = 0; i < bytes.length; i++) {
            boolean inLongLine = i >= longRun && i < longRun + 140_000;
            bytes[i] = inLongLine ? (byte) 'L' : alphabet[random.nextInt(alphabet.length)];
        }
        List<String> expected = new ArrayList<>();
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(bytes), decoder))) {
            for (String line; (line = reader.readLine()) != null; ) expected.add(line);
        }
        assertThat(lines(bytes, 1 + random.nextInt(5000))).isEqualTo(expected);
    }

    /** Lines of every length from 0 to 40 bytes, so that a line ends at every position of the eight-byte words searched. */
    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void findsTheEndAtEveryPositionOfAWord(long seed) throws IOException {
        Random random = new Random(seed);
        String[] ends = {"\n", "\r", "\r\n"};
        StringBuilder text = new StringBuilder();
        List<String> expected = new ArrayList<>();
        String end = "";
        for (int line = 0; line < 5_000; line++) {
            StringBuilder one = new StringBuilder();
            for (int i = random.nextInt(41); i > 0; i--) one.append(random.nextInt(10) == 0 ? '\u00e9' : (char) ('a' + random.nextInt(26)));
            // An empty line ended by \n after a line ended by \r would be one \r\n: no such text can say it.
            boolean ambiguous = one.isEmpty() && end.equals("\r");
            end = ambiguous ? "\r" : ends[random.nextInt(ends.length)];
            expected.add(one.toString());
            text.append(one).append(end);
        }
        assertThat(lines(text.toString().getBytes(StandardCharsets.UTF_8), 1 + random.nextInt(300))).isEqualTo(expected);
    }

    private static List<String> lines(byte[] bytes, int chunk) throws IOException {
        InputStream chunked = new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
        List<String> out = new ArrayList<>();
        try (LogLines lines = new LogLines(chunked)) {
            for (String line; (line = lines.next()) != null; ) out.add(line);
        }
        return out;
    }
}
