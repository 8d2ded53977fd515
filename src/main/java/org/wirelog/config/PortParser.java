package org.wirelog.config;

import java.util.List;
import java.util.Map;
import org.wirelog.rules.PortMatch;

/**
 * Parses the port part of an address: {@code port = 80}, {@code port=80}, {@code port eq 80}, {@code port gt 1023},
 * {@code port 1024 - 65535}. The pieces may be glued together or spaced apart.
 */
final class PortParser {

    private static final String FORMS = "write \"port = N\", \"port eq|ne|gt|ge|lt|le N\" or \"port N - M\"";

    /** Dante's operators, with the spelling {@link PortMatch#of} knows them by; {@code port: 80} means "=". */
    private static final Map<String, String> OPERATORS = Map.ofEntries(
            Map.entry("=", "eq"), Map.entry(":", "eq"), Map.entry("eq", "eq"),
            Map.entry("!=", "neq"), Map.entry("ne", "neq"), Map.entry("neq", "neq"),
            Map.entry(">", "gt"), Map.entry("gt", "gt"), Map.entry(">=", "ge"), Map.entry("ge", "ge"),
            Map.entry("<", "lt"), Map.entry("lt", "lt"), Map.entry("<=", "le"), Map.entry("le", "le"));

    /** The operators written with symbols, longest first so that "<=" is not read as "<". */
    private static final List<String> SYMBOLS = List.of("!=", ">=", "<=", "=", ":", ">", "<");

    private final TokenCursor cursor;

    PortParser(TokenCursor cursor) {
        this.cursor = cursor;
    }

    /** Whether the next word on this line starts a port part. */
    boolean portAhead() {
        return cursor.nextOnSameLine() && startsPort(cursor.peek());
    }

    /** {@code port}, or {@code port} with an operator glued on ({@code port=80}). */
    static boolean startsPort(Token word) {
        return word.text().matches("port([=!<>:].*)?");
    }

    PortMatch port() throws ConfigException {
        cursor.pushBackRest(cursor.next(), "port".length());
        Token word = cursor.value();
        String operator = operatorAt(word);
        if (operator != null) {
            return PortMatch.of(OPERATORS.get(operator), number(cursor.value()));
        }
        return range(word);
    }

    /** The operator the word starts with, putting back a number glued to it; null if there is none. */
    private String operatorAt(Token word) {
        String text = word.text();
        if (OPERATORS.containsKey(text)) return text;
        for (String symbol : SYMBOLS) {
            if (text.startsWith(symbol)) {
                cursor.pushBackRest(word, symbol.length());
                return symbol;
            }
        }
        return null;
    }

    /** {@code 1024 - 65535}, {@code 1024-65535} or any spacing in between. */
    private PortMatch range(Token first) throws ConfigException {
        Token start = first;
        int dash = first.text().indexOf('-');
        if (dash > 0) {
            start = first.head(dash);
            cursor.pushBackRest(first, dash);
        }
        int low = number(start);
        if (!cursor.nextOnSameLine() || !cursor.peek().text().startsWith("-")) {
            throw cursor.error(start, TokenCursor.SYNTAX_ERROR + ": " + FORMS);
        }
        cursor.pushBackRest(cursor.next(), 1);
        Token end = cursor.value();
        int high = number(end);
        if (high < low) {
            throw cursor.error(end, "end port (" + high + ") can not be less than start port (" + low + ")");
        }
        return PortMatch.range(low, high);
    }

    private int number(Token word) throws ConfigException {
        String text = word.text();
        if (text.matches("[a-zA-Z].*")) {
            throw cursor.error(word, "port names such as \"" + text + "\" are not supported yet; give the number");
        }
        if (!text.matches("[0-9]{1,9}")) throw cursor.error(word, "bad port \"" + text + "\": " + FORMS);
        int port = Integer.parseInt(text);
        if (port > 65535) throw cursor.error(word, "bad port number: " + port + ".  Legal range is 0 - 65535");
        return port;
    }
}
