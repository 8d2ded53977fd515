package org.wirelog.format.packetlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * The kernel packet logs under a coverage-guided fuzzer: an ipchains or a netfilter (iptables, nftables) line
 * reads into an entry, or an {@link IllegalArgumentException} says what in it is not; never another exception.
 * Seeds: the lines of {@code PacketLogReadersTest}.
 */
class PacketLogFuzzTest {

    @FuzzTest
    void ipchainsLine(byte[] line) {
        String text = new String(line, StandardCharsets.UTF_8);
        try {
            assertThat(IpchainsLineReader.read(text)).isNotNull();
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @FuzzTest
    void netfilterLine(byte[] line) {
        String text = new String(line, StandardCharsets.UTF_8);
        try {
            assertThat(NetfilterLineReader.read(text)).isNotNull();
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
