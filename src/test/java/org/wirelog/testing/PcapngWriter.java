package org.wirelog.testing;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a pcapng file (what Wireshark and dumpcap write by default): one section, one interface
 * of one link type with microsecond stamps, then an enhanced packet block per frame.
 */
public final class PcapngWriter implements AutoCloseable {

    private static final int SECTION_HEADER = 0x0a0d0d0a, INTERFACE_DESCRIPTION = 1, ENHANCED_PACKET = 6;

    private final OutputStream out;

    public PcapngWriter(Path file, int linkType) throws IOException {
        out = new BufferedOutputStream(Files.newOutputStream(file));
        block(SECTION_HEADER, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(0x1a2b3c4d)
                .putShort((short) 1).putShort((short) 0).putLong(-1).array());
        block(INTERFACE_DESCRIPTION, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putShort((short) linkType)
                .putShort((short) 0).putInt(65535).array());
    }

    public PcapngWriter frame(long micros, byte[] frame) throws IOException {
        int padded = (frame.length + 3) & ~3;
        block(ENHANCED_PACKET, ByteBuffer.allocate(20 + padded).order(ByteOrder.LITTLE_ENDIAN).putInt(0)
                .putInt((int) (micros >>> 32)).putInt((int) micros).putInt(frame.length).putInt(frame.length).put(frame).array());
        return this;
    }

    /** A block: type, total length, body, total length again. */
    private void block(int type, byte[] body) throws IOException {
        int length = 12 + body.length;
        out.write(ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN).putInt(type).putInt(length).put(body)
                .putInt(length).array());
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
