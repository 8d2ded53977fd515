package org.wirelog.sys;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The pcap file reader under a coverage-guided fuzzer: a damaged file ends in a {@link PcapException} that
 * names the file, never in another exception. Seeds: the heads of natlog's reference captures.
 */
class PcapFileFuzzTest {

    private static final Path FILE = tempFile();

    @FuzzTest
    void pcapFile(byte[] content) throws IOException {
        Files.write(FILE, content);
        PcapFile pcap = PcapFile.open(FILE);
        if (pcap == null) return;
        CapturedFrame frame = new CapturedFrame(256);
        try (pcap) {
            while (pcap.next(frame)) assertThat(frame.length()).isBetween(0, 256);
        } catch (PcapException e) {
            assertThat(e.getMessage()).startsWith(FILE + ": ");
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
