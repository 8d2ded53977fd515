package org.wirelog.nat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.wirelog.packet.LinkType;

/**
 * What the NAT logger reads from outside under a coverage-guided fuzzer: the lines of the conntrack program
 * (an event or null, never an exception) and captured Ethernet frames (what the tracker needs, or null).
 * Seeds: natlog's reference conntrack lines and frames of its captures; see docs/fuzzing.md.
 */
public class NatParsersFuzzTest {

    private final FrameDecoder ethernet = new FrameDecoder(LinkType.EN10MB);

    @FuzzTest
    public void conntrackLine(byte[] line) {
        ConntrackLineParser.parse(new String(line, StandardCharsets.UTF_8));
    }

    @FuzzTest
    public void natFrame(byte[] frame) {
        ethernet.decode(frame, frame.length, 1_795_435_412_000_000L);
    }
}
