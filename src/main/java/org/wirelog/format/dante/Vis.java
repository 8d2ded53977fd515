package org.wirelog.format.dante;

/**
 * The payload encoding of Dante's {@code log: data} lines: BSD strvis(VIS_CSTYLE | VIS_OCTAL), as the
 * real server prints it (checked against all 256 byte values).
 */
public final class Vis {

    private static final String CSTYLE = "abtnvfr";

    private Vis() {
    }

    public static String encode(byte[] data) {
        StringBuilder out = new StringBuilder(data.length + data.length / 4 + 8);
        for (int i = 0; i < data.length; i++) {
            int c = data[i] & 0xff;
            if (c == 0) {
                boolean octalDigitNext = i + 1 < data.length && data[i + 1] >= '0' && data[i + 1] <= '7';
                out.append(octalDigitNext ? "\\000" : "\\0");
            } else if (c >= 7 && c <= 13) {
                out.append('\\').append(CSTYLE.charAt(c - 7));
            } else if (c == '\\') {
                out.append("\\\\");
            } else if (c >= 0x20 && c <= 0x7e) {
                out.append((char) c);
            } else {
                octal(out, c);
            }
        }
        return out.toString();
    }

    /**
     * Text from a peer (a hostname, a user name, a reason quoting them) made safe for one log line: C0 and C1 control
     * characters, DEL and the Unicode line separators in strvis's forms ({@code \n}, {@code \033}), so that no
     * peer can end a line or write one of its own. Everything else, backslashes included, stays as it is: the
     * payload of a {@code log: data} line is already {@link #encode encoded}.
     */
    public static String controls(String text) {
        int first = 0;
        while (first < text.length() && !isControl(text.charAt(first))) first++;
        if (first == text.length()) return text;
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isControl(c)) {
                out.append(c);
            } else if (c >= 7 && c <= 13) {
                out.append('\\').append(CSTYLE.charAt(c - 7));
            } else if (c <= 0xff) {
                octal(out, c);
            } else {
                for (byte b : String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8)) octal(out, b & 0xff);
            }
        }
        return out.toString();
    }

    /** What {@link #controls} escapes. */
    public static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
    }

    private static void octal(StringBuilder out, int c) {
        out.append('\\').append((char) ('0' + (c >> 6))).append((char) ('0' + ((c >> 3) & 7))).append((char) ('0' + (c & 7)));
    }

    /** The inverse of {@link #encode}, for reading logs back. */
    public static byte[] decode(String text) {
        var out = new java.io.ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 >= text.length()) {
                out.write(c);
                continue;
            }
            char next = text.charAt(++i);
            int cstyle = CSTYLE.indexOf(next);
            if (cstyle >= 0) {
                out.write(7 + cstyle);
            } else if (next >= '0' && next <= '7') {
                int value = next - '0';
                int digits = 1;
                while (digits < 3 && i + 1 < text.length() && text.charAt(i + 1) >= '0' && text.charAt(i + 1) <= '7') {
                    value = value * 8 + (text.charAt(++i) - '0');
                    digits++;
                }
                out.write(value);
            } else {
                out.write(next);
            }
        }
        return out.toByteArray();
    }
}
