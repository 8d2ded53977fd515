package org.wirelog.packet;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.wirelog.testing.Invariant;

/**
 * Packet decoding under a coverage-guided fuzzer: whatever a capture holds, every link type finds its IP
 * header or says there is none, and the decoder gives a packet or null, never an exception. Seeds: frames
 * of natlog's reference captures; see docs/fuzzing.md.
 */
public class IpDecoderFuzzTest {

    @FuzzTest
    public void ethernetFrame(byte[] frame) {
        for (LinkType link : LinkType.values()) {
            int at = link.ipOffset(frame, frame.length);
            if (at < 0) continue;
            Invariant.holds(at <= frame.length, "the IP header starts within the frame");
            IpPacket packet = IpDecoder.decode(frame, at, frame.length - at);
            if (packet != null) Invariant.holds(packet.ip() != null, "packet.ip() is there");
        }
    }
}
