package org.wirelog.forward;

import java.util.Arrays;

/**
 * -s: keeps CR, LF, [:blank:] and [:graph:] (in the C locale) and logs one blank for any run of other bytes.
 * One filter per direction, so that a run split across two reads still becomes one blank.
 */
final class PrintableFilter {

    private boolean inRun;

    static boolean printable(byte b) {
        return (b >= 0x21 && b <= 0x7e) || b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    /** The printable rendering of the next bytes of this direction. */
    byte[] filter(byte[] data) {
        byte[] out = new byte[data.length];
        int n = 0;
        for (byte b : data) {
            if (printable(b)) {
                out[n++] = b;
                inRun = false;
            } else if (!inRun) {
                out[n++] = ' ';
                inRun = true;
            }
        }
        return n == data.length ? out : Arrays.copyOf(out, n);
    }
}
