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
                out.append('\\').append((char) ('0' + (c >> 6))).append((char) ('0' + ((c >> 3) & 7))).append((char) ('0' + (c & 7)));
            }
        }
        return out.toString();
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
