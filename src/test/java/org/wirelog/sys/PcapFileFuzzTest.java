package org.wirelog.sys;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.wirelog.testing.Invariant;

/**
 * The pcap file reader under a coverage-guided fuzzer: a damaged file ends in a {@link PcapException} that
 * names the file, never in another exception. Seeds: the heads of natlog's reference captures.
 */
public class PcapFileFuzzTest {

    private static final Path FILE = tempFile();

    @FuzzTest
    public void pcapFile(byte[] content) throws IOException {
        Files.write(FILE, content);
        PcapFile pcap = PcapFile.open(FILE);
        if (pcap == null) return;
        CapturedFrame frame = new CapturedFrame(256);
        try (pcap) {
            while (pcap.next(frame)) Invariant.holds(frame.length() >= 0 && frame.length() <= 256, "a frame fits its buffer");
        } catch (PcapException e) {
            Invariant.holds(e.getMessage().startsWith(FILE + ": "), "e.getMessage() starts with " + FILE + ": ");
        }
    }

    private static Path tempFile() {
        try {
            Path file = Files.createTempFile("wirelog-fuzz", ".pcap");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
