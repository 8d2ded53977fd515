package org.wirelog.sys;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * A classic pcap file (libpcap's own format: microsecond or nanosecond stamps, either byte order)
 * read directly rather than through libpcap: reading the 8 million frames of two 720 MB captures
 * took 1.9 s of CPU through {@code pcap_next_ex} and the foreign function interface, and 0.7 s
 * here (a JVM's start included in both), when natlog needs 13 s for the whole of tcpdump mode.
 * libpcap still reads every other file (pcapng above all): {@link FrameSource#openFile} chooses.
 *
 * <p>The file is read through a buffer of fixed size, so memory does not grow with the file; frames
 * come out as libpcap gives them (cut to the file's snapshot length), and a damaged record ends the
 * reading with libpcap's words for it.
 */
public final class PcapFile implements FrameSource {

    private static final int MICROS_MAGIC = 0xa1b2c3d4, NANOS_MAGIC = 0xa1b23c4d;
    private static final int FILE_HEADER = 24, RECORD_HEADER = 16;
    /** libpcap's largest snapshot length: a longer record is damage, not a frame. */
    private static final int MAX_CAPTURED = 262_144;
    /** Holds any record whole. */
    private static final int BUFFER_SIZE = 1 << 20;
    /** Bits of the link-type field that are not the link type (an FCS length): libpcap's business. */
    private static final int LINK_TYPE_EXTRAS = 0xfc000000;

    private final String name;
    private final FileChannel channel;
    private final ByteBuffer buffer;
    private final boolean nanos;
    private final int linkType;
    /** The file's snapshot length as libpcap takes it: records longer than it are cut to it. */
    private final int snapshot;

    private PcapFile(String name, FileChannel channel, ByteBuffer buffer, boolean nanos, int linkType, int snapshot) {
        this.name = name;
        this.channel = channel;
        this.buffer = buffer;
        this.nanos = nanos;
        this.linkType = linkType;
        this.snapshot = snapshot == 0 || Integer.compareUnsigned(snapshot, MAX_CAPTURED) > 0 ? MAX_CAPTURED : snapshot;
    }

    /**
     * @return the file, ready for its first frame; or null when it is not a classic pcap file of
     *         version 2.4 with a whole header (libpcap is then the one to read it or say what is wrong)
     */
    public static PcapFile open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file);
        try {
            ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_SIZE);
            while (buffer.position() < FILE_HEADER && channel.read(buffer) > 0) {
                // the header may come in pieces (a pipe)
            }
            buffer.flip();
            if (buffer.remaining() >= FILE_HEADER) {
                int magic = buffer.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
                if (magic != MICROS_MAGIC && magic != NANOS_MAGIC) {
                    magic = buffer.order(ByteOrder.BIG_ENDIAN).getInt(0);
                }
                int linkType = buffer.getInt(20);
                // version 2.4 only: libpcap reads older files with fixes of their own
                if ((magic == MICROS_MAGIC || magic == NANOS_MAGIC) && buffer.getShort(4) == 2 && buffer.getShort(6) == 4
                        && (linkType & LINK_TYPE_EXTRAS) == 0) {
                    buffer.position(FILE_HEADER);
                    return new PcapFile(file.toString(), channel, buffer, magic == NANOS_MAGIC, linkType, buffer.getInt(16));
                }
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        channel.close();
        return null;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int linkType() {
        return linkType;
    }

    @Override
    public boolean next(CapturedFrame frame) throws PcapException {
        if (!fill(RECORD_HEADER)) {
            if (buffer.hasRemaining()) throw truncated(RECORD_HEADER, "header", buffer.remaining());
            return false;
        }
        int at = buffer.position();
        int captured = buffer.getInt(at + 8);
        if (Integer.compareUnsigned(captured, MAX_CAPTURED) > 0) {
            throw new PcapException(name + ": invalid packet capture length " + Integer.toUnsignedString(captured)
                    + ", bigger than snaplen of " + snapshot);
        }
        if (!fill(RECORD_HEADER + captured)) throw truncated(captured, "captured", buffer.remaining() - RECORD_HEADER);
        at = buffer.position();
        // signed, as libpcap reads them
        long seconds = buffer.getInt(at), fraction = buffer.getInt(at + 4);
        frame.fill(seconds * 1_000_000L + (nanos ? fraction / 1000 : fraction), buffer, at + RECORD_HEADER,
                Math.min(captured, snapshot));
        buffer.position(at + RECORD_HEADER + captured);
        return true;
    }

    /** @return whether {@code needed} bytes are buffered from the position on, reading more when they are not */
    private boolean fill(int needed) throws PcapException {
        if (buffer.remaining() >= needed) return true;
        buffer.compact();
        try {
            while (buffer.position() < needed && channel.read(buffer) > 0) {
                // a read may return less than asked for
            }
        } catch (IOException e) {
            throw new PcapException(name + ": " + e.getMessage());
        } finally {
            buffer.flip();
        }
        return buffer.remaining() >= needed;
    }

    /** A record cut short: damage, in libpcap's words. */
    private PcapException truncated(int wanted, String what, int got) {
        return new PcapException(name + ": truncated dump file; tried to read " + wanted + " " + what + " bytes, only got " + got);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // read-only: nothing was lost
        }
    }
}
