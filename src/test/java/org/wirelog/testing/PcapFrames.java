package org.wirelog.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The frames of a classic little-endian microsecond pcap file (what tcpdump -w writes here), read independently of wirelog. */
public final class PcapFrames {

    public record Frame(long micros, byte[] bytes) {
    }

    private PcapFrames() {
    }

    public static List<Frame> of(Path pcap) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(pcap)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != 0xa1b2c3d4) throw new IllegalArgumentException(pcap + " is not a little-endian microsecond pcap file");
        b.position(24);
        List<Frame> frames = new ArrayList<>();
        while (b.remaining() >= 16) {
            long micros = Integer.toUnsignedLong(b.getInt()) * 1_000_000L + b.getInt();
            byte[] frame = new byte[b.getInt()];
            b.getInt();
            b.get(frame);
            frames.add(new Frame(micros, frame));
        }
        return frames;
    }
}
