package org.wirelog.rules;

import java.util.Locale;

/** The values of a rule's {@code log:} keyword: which lines of a session get written. */
public enum LogKeyword {
    /** {@code [:} lines and blocks. */
    CONNECT,
    /** {@code ]:} lines and blocks. */
    DISCONNECT,
    /** {@code -:} lines, one per I/O operation. */
    IOOP,
    /** {@code -:} lines with the payload appended. */
    DATA,
    /** Errors; on its own Dante prints nothing more (REPORT 3.9). */
    ERROR,
    /** TCP_INFO blocks added to the lines other keywords print. */
    TCPINFO;

    public static LogKeyword parse(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        return switch (w) {
            case "iooperation" -> IOOP;
            default -> valueOf(w.toUpperCase(Locale.ROOT));
        };
    }
}
