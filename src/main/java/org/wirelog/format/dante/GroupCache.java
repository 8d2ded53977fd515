package org.wirelog.format.dante;

import java.util.Arrays;
import org.wirelog.format.AsciiBytes;

/**
 * Endpoint groups ({@code CLIENT PROXY-INT}, {@code PROXY-EXT TARGET}) kept by their text in a small fixed
 * direct-mapped table: every line of a session repeats its groups word for word ({@code [:}, each {@code -:},
 * {@code ]:}), and finding the text again is several times cheaper than reading its endpoints again. Never
 * grows (a group whose slot is taken replaces the one there), so memory does not depend on the log's size.
 * Not safe to share.
 */
final class GroupCache {

    /** Reads the endpoints of the text {@code line[from, to)}, for a group not kept. */
    @FunctionalInterface
    interface Reader {
        DanteLine.Group read(byte[] line, int from, int to);
    }

    private static final int SLOTS = 1 << 12;
    private static final long MIX = 0x9E3779B97F4A7C15L;

    // The hashes sit in an array of their own: most lookups (a session's first line) miss, and telling so by the
    // hash alone spares a visit to the kept text, somewhere else in memory.
    private final int[] hashes = new int[SLOTS];
    private final byte[][] texts = new byte[SLOTS][];
    private final DanteLine.Group[] groups = new DanteLine.Group[SLOTS];

    /** The group written {@code line[from, to)}: the one kept for that text, else read by {@code reader} and kept. */
    DanteLine.Group get(byte[] line, int from, int to, Reader reader) {
        int hash = hash(line, from, to), slot = hash >>> 20;
        byte[] kept = texts[slot];
        if (hashes[slot] == hash && kept != null && Arrays.equals(line, from, to, kept, 0, kept.length)) {
            return groups[slot];
        }
        DanteLine.Group group = reader.read(line, from, to);
        hashes[slot] = hash;
        texts[slot] = Arrays.copyOfRange(line, from, to);
        groups[slot] = group;
        return group;
    }

    /**
     * The text's bytes taken eight at a time (the last eight overlapping the ones before when the length is no
     * multiple of eight): a group is 20 to 60 bytes, so a handful of multiplications instead of one per byte.
     */
    private static int hash(byte[] line, int from, int to) {
        int length = to - from;
        if (length < Long.BYTES) {
            long h = length;
            for (int i = from; i < to; i++) h = (h << 8 | (line[i] & 0xff));
            return mix(h * MIX);
        }
        long h = length;
        int i = from;
        for (; i + Long.BYTES < to; i += Long.BYTES) h = Long.rotateLeft((h ^ AsciiBytes.word(line, i)) * MIX, 31);
        h = (h ^ AsciiBytes.word(line, to - Long.BYTES)) * MIX;
        return mix(h);
    }

    private static int mix(long h) {
        return (int) (h ^ h >>> 29 ^ h >>> 32);
    }
}
