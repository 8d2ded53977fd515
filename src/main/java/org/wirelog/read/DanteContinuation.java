package org.wirelog.read;

import java.util.regex.Pattern;

/**
 * The lines of a multi-line Dante message after its first: they carry no prefix (the {@code TCP_INFO:}
 * block of {@code log: tcpinfo}, the resource usage, timing and option dumps of {@code debug:}). Only taken as such
 * right after a line with a prefix, so that garbage elsewhere is still reported.
 */
final class DanteContinuation {

    private static final Pattern SHAPE = Pattern.compile("TCP_INFO:|\\s+.*|\".*|[\\w .#()/-]+ *: .*|[\\w .#()/-]+:");

    private DanteContinuation() {
    }

    static boolean is(String line) {
        return SHAPE.matcher(line).matches();
    }
}
