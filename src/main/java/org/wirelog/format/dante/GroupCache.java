package org.wirelog.format.dante;

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
        DanteLine.Group read(String line, int from, int to);
    }

    private static final int SLOTS = 1 << 12;

    // The hashes sit in an array of their own: most lookups (a session's first line) miss, and telling so by the
    // hash alone spares a visit to the kept text, somewhere else in memory.
    private final int[] hashes = new int[SLOTS];
    private final String[] texts = new String[SLOTS];
    private final DanteLine.Group[] groups = new DanteLine.Group[SLOTS];

    /** The group written {@code line[from, to)}: the one kept for that text, else read by {@code reader} and kept. */
    DanteLine.Group get(String line, int from, int to, Reader reader) {
        int hash = hash(line, from, to), slot = (hash * 0x9E3779B1) >>> 20;
        String kept = texts[slot];
        if (hashes[slot] == hash && kept != null && kept.length() == to - from && line.regionMatches(from, kept, 0, kept.length())) {
            return groups[slot];
        }
        DanteLine.Group group = reader.read(line, from, to);
        hashes[slot] = hash;
        texts[slot] = line.substring(from, to);
        groups[slot] = group;
        return group;
    }

    /** A polynomial hash in two interleaved halves: half the chain of multiplications one after the other. */
    private static int hash(String line, int from, int to) {
        int even = 0, odd = 0, i = from;
        for (; i + 1 < to; i += 2) {
            even = 31 * even + line.charAt(i);
            odd = 31 * odd + line.charAt(i + 1);
        }
        if (i < to) even = 31 * even + line.charAt(i);
        return 31 * even + odd;
    }
}
