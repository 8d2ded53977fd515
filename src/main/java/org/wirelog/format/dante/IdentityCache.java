package org.wirelog.format.dante;

import static org.wirelog.format.AsciiBytes.text;

import java.util.Arrays;
import org.wirelog.model.Identity;

/**
 * The {@code method%user} identities read from text, kept in a small fixed direct-mapped table: a log names
 * the same few users on many lines, and one shared {@link Identity} (with its strings' hashes computed once)
 * is cheaper to make, to compare and to hash than a new one per line. Never grows; not safe to share.
 */
final class IdentityCache {

    private static final int SLOTS = 1 << 10;

    private final byte[][] texts = new byte[SLOTS][];
    private final Identity[] identities = new Identity[SLOTS];

    /** The identity written {@code line[from, percent) % line[percent + 1, at)}. */
    Identity get(byte[] line, int from, int percent, int at) {
        int hash = 0;
        for (int i = from; i < at; i++) hash = 31 * hash + line[i];
        int slot = (hash * 0x9E3779B1) >>> 22;
        byte[] cached = texts[slot];
        if (cached != null && Arrays.equals(line, from, at, cached, 0, cached.length)) return identities[slot];
        Identity made = new Identity(text(line, from, percent), text(line, percent + 1, at));
        texts[slot] = Arrays.copyOfRange(line, from, at);
        identities[slot] = made;
        return made;
    }
}
