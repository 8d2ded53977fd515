package org.wirelog.socks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The shortcut for a datagram whose header repeats the last one's: it must take exactly that header, nothing else. */
class UdpHeaderTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] LAST = HEX.parseHex("00000001" + "7f000001" + "1f90" + "ffffffffffff"); // + spare room

    @Test
    void theSameHeaderIsSkippedToThePayload() {
        ByteBuffer datagram = ByteBuffer.wrap(HEX.parseHex("00000001" + "7f000001" + "1f90" + "6869"));
        assertThat(UdpHeader.skipIfSame(datagram, LAST, 10)).isTrue();
        assertThat(datagram.position()).isEqualTo(10);
        assertThat(datagram.remaining()).isEqualTo(2);
    }

    @Test
    void anEmptyPayloadBehindTheSameHeaderIsStillADatagram() {
        ByteBuffer datagram = ByteBuffer.wrap(HEX.parseHex("00000001" + "7f000001" + "1f90"));
        assertThat(UdpHeader.skipIfSame(datagram, LAST, 10)).isTrue();
        assertThat(datagram.hasRemaining()).isFalse();
    }

    @Test
    void anyOtherHeaderIsLeftAsItIsForTheParser() {
        for (String other : new String[] {"00000101" + "7f000001" + "1f90", // FRAG 1
                "00000001" + "7f000002" + "1f90",                          // another address
                "00000001" + "7f000001" + "1f91",                          // another port
                "00000001" + "7f0000"}) {                                  // shorter than the header
            ByteBuffer datagram = ByteBuffer.wrap(HEX.parseHex(other + "6869"));
            assertThat(UdpHeader.skipIfSame(datagram, LAST, 10)).as(other).isFalse();
            assertThat(datagram.position()).as(other).isZero();
        }
    }
}
