package org.wirelog.format.dante;

/**
 * Endpoint groups ({@code CLIENT PROXY-INT}, {@code PROXY-EXT TARGET}) kept by their text in a small fixed
 * direct-mapped table: every line of a session repeats its groups word for word ({@code [:}, each {@code -:},
 * {@code ]:}), and finding the text again is several times cheaper than reading its endpoints again. Never
 * grows (a group whose slot is taken replaces the one there), so memory does not depend on the log's size.
 * Not safe to share.
 */
final class GroupCache {

    private static final int SLOTS = 1 << 12;

    // The hashes sit in an array of their own: most lookups (a session's first line) miss, and telling so by the
    // hash alone spares a visit to the kept text, somewhere else in memory.
    private final int[] hashes = new int[SLOTS];
    private final String[] texts = new String[SLOTS];
    private final DanteLine.Group[] groups = new DanteLine.Group[SLOTS];

    /** The group last kept for the text {@code line[from, to)}, or null; found without copying the text out. */
    DanteLine.Group get(String line, int from, int to) {
        int hash = hash(line, from, to), slot = slot(hash);
        if (hashes[slot] != hash) return null;
        String kept = texts[slot];
        return kept != null && kept.length() == to - from && line.regionMatches(from, kept, 0, kept.length()) ? groups[slot] : null;
    }

    void put(String line, int from, int to, DanteLine.Group group) {
        int hash = hash(line, from, to), slot = slot(hash);
        hashes[slot] = hash;
        texts[slot] = line.substring(from, to);
        groups[slot] = group;
    }

    private static int hash(String line, int from, int to) {
        int hash = 0;
        for (int i = from; i < to; i++) hash = 31 * hash + line.charAt(i);
        return hash;
    }

    private static int slot(int hash) {
        return (hash * 0x9E3779B1) >>> 20;
    }
}
