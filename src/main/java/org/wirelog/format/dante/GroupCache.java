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

    private final String[] texts = new String[SLOTS];
    private final DanteLine.Group[] groups = new DanteLine.Group[SLOTS];

    /** The group last kept for {@code text}, or null. */
    DanteLine.Group get(String text) {
        int slot = slot(text);
        return text.equals(texts[slot]) ? groups[slot] : null;
    }

    void put(String text, DanteLine.Group group) {
        int slot = slot(text);
        texts[slot] = text;
        groups[slot] = group;
    }

    private static int slot(String text) {
        return (text.hashCode() * 0x9E3779B1) >>> 20;
    }
}
