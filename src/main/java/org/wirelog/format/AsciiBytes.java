package org.wirelog.format;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Searches in a line held as its UTF-8 bytes, {@code line[from, to)}, for the ASCII marks that structure a log
 * line (blanks, dots, arrows): the line's readers take it apart in place and decode only the fields that stay
 * text. UTF-8 writes every character beyond ASCII with bytes of 0x80 and above, so an ASCII byte found is
 * always that character, never part of another.
 */
public final class AsciiBytes {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private AsciiBytes() {
    }

    /** The first {@code c} in {@code line[from, to)}, or -1. */
    public static int indexOf(byte[] line, char c, int from, int to) {
        return indexOfEither(line, c, c, from, to);
    }

    /** The first {@code a} or {@code b} in {@code line[from, to)}, or -1; eight bytes at a time. */
    public static int indexOfEither(byte[] line, char a, char b, int from, int to) {
        long as = a * ONES, bs = b * ONES;
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long word = word(line, i);
            long found = zeroBytes(word ^ as) | zeroBytes(word ^ bs);
            // The lowest flag marks the first match exactly (a flag above a real zero byte may be false).
            if (found != 0) return i + (Long.numberOfTrailingZeros(found) >>> 3);
        }
        for (; i < to; i++) {
            if (line[i] == a || line[i] == b) return i;
        }
        return -1;
    }

    /** The eight bytes at {@code line[at, at + 8)} as one number, the first byte lowest. */
    public static long word(byte[] line, int at) {
        return (long) LONGS.get(line, at);
    }

    /** The high bit of each byte of {@code word} that is zero, and maybe of bytes above the lowest such one. */
    private static long zeroBytes(long word) {
        return (word - ONES) & ~word & HIGHS;
    }

    /** Where the first {@code ascii} lying wholly in {@code line[from, to)} starts, or -1. */
    public static int indexOf(byte[] line, String ascii, int from, int to) {
        char first = ascii.charAt(0);
        for (int i = from, last = to - ascii.length(); i <= last; i++) {
            i = indexOf(line, first, i, last + 1);
            if (i < 0) return -1;
            if (startsWith(line, i, to, ascii)) return i;
        }
        return -1;
    }

    /** The last {@code c} in {@code line[from, to)}, or -1. */
    public static int lastIndexOf(byte[] line, char c, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (line[i] == c) return i;
        }
        return -1;
    }

    /** Where the last {@code ascii} lying wholly in {@code line[from, to)} starts, or -1. */
    public static int lastIndexOf(byte[] line, String ascii, int from, int to) {
        for (int i = to - ascii.length(); i >= from; i--) {
            if (startsWith(line, i, to, ascii)) return i;
        }
        return -1;
    }

    /** Does {@code ascii} start at {@code at} and end by {@code to}? */
    public static boolean startsWith(byte[] line, int at, int to, String ascii) {
        if (at < 0 || to - at < ascii.length()) return false;
        for (int i = 0; i < ascii.length(); i++) {
            if (line[at + i] != ascii.charAt(i)) return false;
        }
        return true;
    }

    /** Is {@code line[from, to)} the ASCII {@code name}, in either case? */
    public static boolean equalsIgnoreCase(byte[] line, int from, int to, String name) {
        if (to - from != name.length()) return false;
        for (int i = 0; i < name.length(); i++) {
            int b = line[from + i], c = name.charAt(i);
            if (b == c) continue;
            int lower = b | 0x20;
            if (lower != (c | 0x20) || lower < 'a' || lower > 'z') return false;
        }
        return true;
    }

    /** {@code line[from, to)} as text, bytes that are not UTF-8 replaced. */
    public static String text(byte[] line, int from, int to) {
        return new String(line, from, Math.max(0, to - from), StandardCharsets.UTF_8);
    }
}
