package org.wirelog.testing;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a classic pcap file of one link type, frame by frame: microsecond stamps, little-endian
 * (what tcpdump -w writes here), unless told otherwise.
 */
public final class PcapWriter implements AutoCloseable {

    public static final int ETHERNET = 1, RAW = 101, IEEE802_11 = 105;

    private final OutputStream out;
    private final ByteOrder order;
    private final boolean nanoseconds;

    public PcapWriter(Path file, int linkType) throws IOException {
        this(file, linkType, ByteOrder.LITTLE_ENDIAN, false);
    }

    /** @param nanoseconds stamps in nanoseconds (magic a1b23c4d), as tcpdump --nano writes them */
    public PcapWriter(Path file, int linkType, ByteOrder order, boolean nanoseconds) throws IOException {
        this.out = new BufferedOutputStream(Files.newOutputStream(file));
        this.order = order;
        this.nanoseconds = nanoseconds;
        out.write(ByteBuffer.allocate(24).order(order).putInt(nanoseconds ? 0xa1b23c4d : 0xa1b2c3d4).putShort((short) 2)
                .putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(linkType).array());
    }

    public PcapWriter frame(long micros, byte[] frame) throws IOException {
        long fraction = micros % 1_000_000 * (nanoseconds ? 1000 : 1);
        out.write(ByteBuffer.allocate(16).order(order).putInt((int) (micros / 1_000_000))
                .putInt((int) fraction).putInt(frame.length).putInt(frame.length).array());
        out.write(frame);
        return this;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
