package org.wirelog.testing;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a classic pcap file (microsecond stamps, little-endian) of one link type, frame by frame. */
public final class PcapWriter implements AutoCloseable {

    public static final int ETHERNET = 1, RAW = 101, IEEE802_11 = 105;

    private final OutputStream out;

    public PcapWriter(Path file, int linkType) throws IOException {
        out = new BufferedOutputStream(Files.newOutputStream(file));
        out.write(ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putInt(0xa1b2c3d4).putShort((short) 2)
                .putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(linkType).array());
    }

    public PcapWriter frame(long micros, byte[] frame) throws IOException {
        out.write(ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt((int) (micros / 1_000_000))
                .putInt((int) (micros % 1_000_000)).putInt(frame.length).putInt(frame.length).array());
        out.write(frame);
        return this;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
