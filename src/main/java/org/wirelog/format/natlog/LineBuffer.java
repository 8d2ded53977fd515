package org.wirelog.format.natlog;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A line built as UTF-8 bytes, with the few ways natlog lays out its fields: numbers, numbers padded to a
 * width, blanks up to a column. In tcpdump mode a line is made for each of hundreds of thousands of flows; a
 * {@link StringBuilder} appended char by char (a capacity and coder check each) was most of the log writer's
 * time, and large for the JIT to compile in a run of a few seconds.
 */
final class LineBuffer {

    /** "00" to "99". */
    private static final byte[] DIGIT_PAIRS = digits(100, 2);
    /** "000" to "255". */
    private static final byte[] OCTETS = digits(256, 3);
    /** 10^0 to 10^9: a number has as many digits as the powers it reaches. */
    private static final int[] INT_POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000};

    private byte[] bytes;
    private int length;

    LineBuffer(int capacity) {
        bytes = new byte[capacity];
    }

    int length() {
        return length;
    }

    /** An ASCII character. */
    LineBuffer append(char c) {
        room(1);
        bytes[length++] = (byte) c;
        return this;
    }

    LineBuffer append(String text) {
        int n = text.length();
        room(n);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) return appendUtf8(text.substring(i));
            bytes[length++] = (byte) c;
        }
        return this;
    }

    private LineBuffer appendUtf8(String text) {
        byte[] encoded = text.getBytes(StandardCharsets.UTF_8);
        room(encoded.length);
        System.arraycopy(encoded, 0, bytes, length, encoded.length);
        length += encoded.length;
        return this;
    }

    LineBuffer append(long value) {
        return appendPadded(value, 1, ' ');
    }

    /**
     * A number right-aligned in {@code width}, {@code pad} before it (a zero pad only for numbers that are not
     * negative). Two digits at a time from a table, in int arithmetic: a division of a long per digit was a fifth
     * of the log writer's time while the JIT's first tier ran it. Numbers beyond an int (a capture's clock past
     * 2038, more than 2 GB sent) take the library's way.
     */
    LineBuffer appendPadded(long value, int width, char pad) {
        if (value < 0 || value > Integer.MAX_VALUE) {
            String text = Long.toString(value);
            return repeat(pad, width - text.length()).append(text);
        }
        int number = (int) value;
        int digits = 1;
        while (digits < INT_POWERS_OF_TEN.length && number >= INT_POWERS_OF_TEN[digits]) digits++;
        repeat(pad, width - digits);
        room(digits);
        length += digits;
        int at = length;
        for (; number >= 100; number /= 100) {
            int pair = 2 * (number % 100);
            bytes[--at] = DIGIT_PAIRS[pair + 1];
            bytes[--at] = DIGIT_PAIRS[pair];
        }
        if (number >= 10) {
            bytes[--at] = DIGIT_PAIRS[2 * number + 1];
            bytes[--at] = DIGIT_PAIRS[2 * number];
        } else {
            bytes[--at] = (byte) ('0' + number);
        }
        return this;
    }

    /** natlog's address form: four zero-padded 3-digit octets, {@code 010.077.000.001}. */
    LineBuffer appendPaddedIp(int ip) {
        room(15);
        for (int shift = 24; shift >= 0; shift -= 8) {
            int octet = 3 * (ip >>> shift & 0xff);
            bytes[length++] = OCTETS[octet];
            bytes[length++] = OCTETS[octet + 1];
            bytes[length++] = OCTETS[octet + 2];
            if (shift > 0) bytes[length++] = '.';
        }
        return this;
    }

    /** {@code text} right-aligned in {@code width} (ASCII text: a character is a byte). */
    LineBuffer appendRight(String text, int width) {
        return repeat(' ', width - text.length()).append(text);
    }

    /** Blanks until the line is {@code width} past {@code start} (none when it is that far already). */
    LineBuffer padFrom(int start, int width) {
        return repeat(' ', start + width - length);
    }

    /** {@code count} times {@code c} (none when not positive). */
    private LineBuffer repeat(char c, int count) {
        if (count <= 0) return this;
        room(count);
        Arrays.fill(bytes, length, length + count, (byte) c);
        length += count;
        return this;
    }

    private void room(int more) {
        if (length + more > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }

    /** The numbers 0 to {@code count - 1}, each in {@code width} zero-padded digits, one after the other. */
    private static byte[] digits(int count, int width) {
        byte[] table = new byte[count * width];
        for (int i = 0; i < count; i++) {
            for (int d = width - 1, rest = i; d >= 0; d--, rest /= 10) table[i * width + d] = (byte) ('0' + rest % 10);
        }
        return table;
    }

    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }
}
