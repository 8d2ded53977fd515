package org.wirelog.read;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * The logs named on a command line: files, directories (every file below them, in name order) and
 * {@code -} (standard input); each plain, gzip or bzip2, told by its first bytes, not by its name.
 */
public final class LogInputs {

    /** One log to read: its name for messages, and how to open it. */
    public record Input(String name, Opener opener) {
        public LogLines open() throws IOException {
            return lines(opener.open());
        }
    }

    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    private LogInputs() {
    }

    /** @throws IOException naming an argument that is neither a readable file, a directory nor {@code -} */
    public static List<Input> of(List<String> arguments, InputStream stdin) throws IOException {
        List<Input> inputs = new ArrayList<>();
        for (String argument : arguments) {
            if (argument.equals("-")) {
                inputs.add(new Input("-", () -> stdin));
                continue;
            }
            Path path = Path.of(argument);
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.walk(path)) {
                    files.filter(Files::isRegularFile).sorted().forEach(f -> inputs.add(file(f)));
                }
            } else if (Files.isReadable(path)) {
                inputs.add(file(path));
            } else {
                throw new IOException(argument + ": no such file or directory, or not readable");
            }
        }
        return inputs;
    }

    private static Input file(Path path) {
        return new Input(path.toString(), () -> Files.newInputStream(path));
    }

    /**
     * Lines of text, decompressed when the stream starts with gzip's or bzip2's magic bytes.
     *
     * @throws IOException when even the header of the compressed data is damaged, saying so and where
     */
    static LogLines lines(InputStream raw) throws IOException {
        CountingInputStream counted = new CountingInputStream(raw);
        InputStream in = new BufferedInputStream(counted, 1 << 16);
        in.mark(3);
        int b0 = in.read(), b1 = in.read(), b2 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            in = new DamageReport("gzip", counted, in, GzipCompressorInputStream::new);
        } else if (b0 == 'B' && b1 == 'Z' && b2 == 'h') {
            in = new DamageReport("bzip2", counted, in, BZip2CompressorInputStream::new);
        }
        return new LogLines(in);
    }

    /** The bytes of the file read so far: where damage was found. */
    private static final class CountingInputStream extends FilterInputStream {
        long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count++;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) count += n;
            return n;
        }
    }

    @FunctionalInterface
    private interface Decompressor {
        InputStream open(InputStream compressed, boolean concatenated) throws IOException;
    }

    /**
     * A decompressing stream whose every failure says what was damaged and near which byte of the file: the
     * decompressors' own words ("Stream corrupted", an index out of bounds) name neither. A decompressor that
     * breaks down with an unchecked exception on damaged data is a damaged file too, not a bug of the reader.
     */
    private static final class DamageReport extends InputStream {
        private final String format;
        private final CountingInputStream file;
        private final InputStream in;

        DamageReport(String format, CountingInputStream file, InputStream compressed, Decompressor decompressor) throws IOException {
            this.format = format;
            this.file = file;
            try {
                this.in = decompressor.open(compressed, true);
            } catch (IOException | RuntimeException e) {
                throw damaged(e);
            }
        }

        @Override
        public int read() throws IOException {
            try {
                return in.read();
            } catch (IOException | RuntimeException e) {
                throw damaged(e);
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return in.read(buffer, offset, length);
            } catch (IOException | RuntimeException e) {
                throw damaged(e);
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }

        private IOException damaged(Exception e) {
            // Damaged data often reads as data that ends too soon: the two cannot be told apart. The file is
            // read ahead through a buffer, so the damage lies within the last 64 kB read.
            return new IOException(format + " data damaged or cut short near byte " + file.count + " of the file ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", e);
        }
    }
}
