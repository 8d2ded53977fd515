package org.wirelog.packet;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Packet decoding under a coverage-guided fuzzer: whatever a capture holds, every link type finds its IP
 * header or says there is none, and the decoder gives a packet or null, never an exception. Seeds: frames
 * of natlog's reference captures; see docs/fuzzing.md.
 */
class IpDecoderFuzzTest {

    @FuzzTest
    void ethernetFrame(byte[] frame) {
        for (LinkType link : LinkType.values()) {
            int at = link.ipOffset(frame, frame.length);
            if (at < 0) continue;
            assertThat(at).isLessThanOrEqualTo(frame.length);
            IpPacket packet = IpDecoder.decode(frame, at, frame.length - at);
            if (packet != null) assertThat(packet.ip()).isNotNull();
        }
    }
}
