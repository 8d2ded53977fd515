package org.wirelog.format.packetlog;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.wirelog.testing.Invariant;

/**
 * The kernel packet logs under a coverage-guided fuzzer: an ipchains or a netfilter (iptables, nftables) line
 * reads into an entry, or an {@link IllegalArgumentException} says what in it is not; never another exception.
 * Seeds: the lines of {@code PacketLogReadersTest}.
 */
public class PacketLogFuzzTest {

    @FuzzTest
    public void ipchainsLine(byte[] line) {
        String text = new String(line, StandardCharsets.UTF_8);
        try {
            Invariant.holds(IpchainsLineReader.read(text) != null, "IpchainsLineReader.read(text) is there");
        } catch (IllegalArgumentException e) {
            Invariant.says(e);
        }
    }

    @FuzzTest
    public void netfilterLine(byte[] line) {
        String text = new String(line, StandardCharsets.UTF_8);
        try {
            Invariant.holds(NetfilterLineReader.read(text) != null, "NetfilterLineReader.read(text) is there");
        } catch (IllegalArgumentException e) {
            Invariant.says(e);
        }
    }
}
