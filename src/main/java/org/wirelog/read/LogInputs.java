package org.wirelog.read;

import java.io.BufferedInputStream;
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

    /** Lines of text, decompressed when the stream starts with gzip's or bzip2's magic bytes. */
    static LogLines lines(InputStream raw) throws IOException {
        InputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(3);
        int b0 = in.read(), b1 = in.read(), b2 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            in = new GzipCompressorInputStream(in, true);
        } else if (b0 == 'B' && b1 == 'Z' && b2 == 'h') {
            in = new BZip2CompressorInputStream(in, true);
        }
        return new LogLines(in);
    }
}
