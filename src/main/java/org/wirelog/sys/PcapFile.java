package org.wirelog.sys;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A classic pcap file (libpcap's own format: microsecond or nanosecond stamps, either byte order)
 * read directly rather than through libpcap: reading the 8 million frames of two 720 MB captures
 * took 1.9 s of CPU through {@code pcap_next_ex} and the foreign function interface, and 0.7 s
 * here (a JVM's start included in both), when natlog needs 13 s for the whole of tcpdump mode.
 * libpcap still reads every other file (pcapng above all, and what is not a regular file, a pipe):
 * {@link FrameSource#openFile} chooses.
 *
 * <p>The file is mapped into memory a window at a time, so that frames are copied once, from the
 * page cache into the frame (a read into a buffer copied them twice, and the kernel's copy was a
 * tenth of tcpdump mode's reading thread); the window moves on as the reading does and what it
 * leaves is unmapped, so memory does not grow with the file. Frames come out as libpcap gives them
 * (cut to the file's snapshot length), and a damaged record ends the reading with libpcap's words for it.
 */
public final class PcapFile implements FrameSource {

    private static final int MICROS_MAGIC = 0xa1b2c3d4, NANOS_MAGIC = 0xa1b23c4d;
    private static final int FILE_HEADER = 24, RECORD_HEADER = 16;
    /** libpcap's largest snapshot length: a longer record is damage, not a frame. */
    private static final int MAX_CAPTURED = 262_144;
    /** The part of the file mapped at a time: many records, and a whole one of any size. */
    static final long WINDOW = 16L << 20;
    /** Windows start on a page (mmap wants it so; 64 KiB is a multiple of every page size Linux uses but the huge). */
    private static final long ALIGNMENT = 1L << 16;
    /** Bits of the link-type field that are not the link type (an FCS length): libpcap's business. */
    private static final int LINK_TYPE_EXTRAS = 0xfc000000;

    private final String name;
    private final FileChannel channel;
    private final long size;
    private final long windowSize;
    private final ByteOrder order;
    private final boolean nanos;
    private final int linkType;
    /** The file's snapshot length as libpcap takes it: records longer than it are cut to it. */
    private final int snapshot;
    /** The mapped window: bytes {@code windowStart} to {@code windowStart + window.byteSize()} of the file. */
    private Arena arena;
    private MemorySegment window;
    /**
     * The window's numbers are read through a buffer in the file's byte order: the segment's var handle
     * (a chain of method handles) cost a tenth of tcpdump mode's reading thread until the JIT's last tier
     * compiled it, which is most of a run of a few seconds.
     */
    private ByteBuffer numbers;
    private long windowStart;
    /** Where the next record starts, in the file. */
    private long position = FILE_HEADER;

    private PcapFile(String name, FileChannel channel, long size, long windowSize, ByteOrder order, boolean nanos, int linkType,
                     int snapshot) {
        this.name = name;
        this.channel = channel;
        this.size = size;
        this.windowSize = windowSize;
        this.order = order;
        this.nanos = nanos;
        this.linkType = linkType;
        this.snapshot = snapshot == 0 || Integer.compareUnsigned(snapshot, MAX_CAPTURED) > 0 ? MAX_CAPTURED : snapshot;
    }

    /**
     * @return the file, ready for its first frame; or null when it is not a regular file holding a classic
     *         pcap file of version 2.4 with a whole header (libpcap is then the one to read it or say what is wrong)
     */
    public static PcapFile open(Path file) throws IOException {
        return open(file, WINDOW);
    }

    /** @param windowSize the bytes mapped at a time (a test makes records straddle windows with a small one) */
    static PcapFile open(Path file, long windowSize) throws IOException {
        if (!Files.isRegularFile(file)) return null;
        FileChannel channel = FileChannel.open(file);
        try {
            ByteBuffer header = ByteBuffer.allocate(FILE_HEADER);
            while (header.hasRemaining() && channel.read(header) > 0) {
                // a read may return less than asked for
            }
            if (!header.hasRemaining()) {
                ByteOrder order = ByteOrder.LITTLE_ENDIAN;
                int magic = header.order(order).getInt(0);
                if (magic != MICROS_MAGIC && magic != NANOS_MAGIC) {
                    order = ByteOrder.BIG_ENDIAN;
                    magic = header.order(order).getInt(0);
                }
                int linkType = header.getInt(20);
                // version 2.4 only: libpcap reads older files with fixes of their own
                if ((magic == MICROS_MAGIC || magic == NANOS_MAGIC) && header.getShort(4) == 2 && header.getShort(6) == 4
                        && (linkType & LINK_TYPE_EXTRAS) == 0) {
                    return new PcapFile(file.toString(), channel, channel.size(), windowSize, order, magic == NANOS_MAGIC,
                            linkType, header.getInt(16));
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
        long left = size - position;
        if (left < RECORD_HEADER) {
            if (left > 0) throw truncated(RECORD_HEADER, "header", left);
            return false;
        }
        map(RECORD_HEADER);
        long at = position - windowStart;
        int captured = number(at + 8);
        if (Integer.compareUnsigned(captured, MAX_CAPTURED) > 0) {
            throw new PcapException(name + ": invalid packet capture length " + Integer.toUnsignedString(captured)
                    + ", bigger than snaplen of " + snapshot);
        }
        if (left < RECORD_HEADER + captured) throw truncated(captured, "captured", left - RECORD_HEADER);
        map(RECORD_HEADER + captured);
        at = position - windowStart;
        // signed, as libpcap reads them
        long seconds = number(at), fraction = number(at + 4);
        frame.fill(seconds * 1_000_000L + (nanos ? fraction / 1000 : fraction), window, at + RECORD_HEADER,
                Math.min(captured, snapshot));
        position += RECORD_HEADER + captured;
        return true;
    }

    /** The 32-bit number at {@code at} in the window, in the file's byte order. */
    private int number(long at) {
        return numbers.getInt((int) at);
    }

    /** Makes sure the window holds {@code needed} bytes from the position on (they are in the file), moving it when not. */
    private void map(int needed) throws PcapException {
        if (window != null && position + needed <= windowStart + window.byteSize()) return;
        unmap();
        long start = position & -ALIGNMENT;
        long length = Math.min(Math.max(windowSize, position + needed - start), size - start);
        Arena next = Arena.ofShared();
        try {
            window = channel.map(FileChannel.MapMode.READ_ONLY, start, length, next);
        } catch (IOException e) {
            next.close();
            throw new PcapException(name + ": " + e.getMessage());
        }
        arena = next;
        numbers = window.asByteBuffer().order(order);
        windowStart = start;
    }

    private void unmap() {
        if (arena == null) return;
        window = null;
        numbers = null;
        arena.close();
        arena = null;
    }

    /** A record cut short: damage, in libpcap's words. */
    private PcapException truncated(int wanted, String what, long got) {
        return new PcapException(name + ": truncated dump file; tried to read " + wanted + " " + what + " bytes, only got " + got);
    }

    @Override
    public void close() {
        unmap();
        try {
            channel.close();
        } catch (IOException ignored) {
            // read-only: nothing was lost
        }
    }
}
