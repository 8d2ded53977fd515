package org.wirelog.forward;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reading data files back in tests: finding them, decompressing them with the real tools, taking -M apart. */
final class Recordings {

    private Recordings() {
    }

    /** The one data file under {@code dir} whose name starts with {@code prefix_}. */
    static Path only(Path dir, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().startsWith(prefix + "_")).toList();
            assertThat(found).hasSize(1);
            return found.getFirst();
        }
    }

    record ToolResult(int status, byte[] out, String err) {
    }

    /** Runs gzip or bzip2 (or anything) on a file and returns what it printed. */
    static ToolResult tool(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).start();
        var err = new ByteArrayOutputStream();
        Thread errors = Thread.ofVirtual().start(() -> {
            try {
                p.getErrorStream().transferTo(err);
            } catch (IOException ignored) {
                // the process is gone
            }
        });
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        errors.join();
        return new ToolResult(p.exitValue(), out, err.toString(StandardCharsets.UTF_8));
    }

    /** One -M block: its magic number, its time, and the bytes up to the next marker line. */
    record MarkedBlock(String magic, long micros, byte[] data) {
        String text() {
            return new String(data, StandardCharsets.ISO_8859_1);
        }
    }

    private static final Pattern MARKER = Pattern.compile("#(848367|948366)#(\\d{16})\n");

    static List<MarkedBlock> blocks(byte[] file) {
        String text = new String(file, StandardCharsets.ISO_8859_1);
        Matcher m = MARKER.matcher(text);
        List<MarkedBlock> blocks = new ArrayList<>();
        assertThat(m.lookingAt()).as("the file starts with a marker").isTrue();
        while (true) {
            String magic = m.group(1);
            long micros = Long.parseLong(m.group(2));
            int start = m.end();
            boolean more = m.find();
            int end = more ? m.start() : text.length();
            blocks.add(new MarkedBlock(magic, micros, text.substring(start, end).getBytes(StandardCharsets.ISO_8859_1)));
            if (!more) return blocks;
        }
    }

    static byte[] data(List<MarkedBlock> blocks, String magic) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        blocks.stream().filter(b -> b.magic().equals(magic)).forEach(b -> out.writeBytes(b.data()));
        return out.toByteArray();
    }
}
