package org.wirelog.config;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Walks through the words of one sockd.conf and words Dante's messages about them. Parsers may split a word and put
 * the rest back ({@code log:connect} becomes {@code log} and {@code connect}).
 */
final class TokenCursor {

    static final String SYNTAX_ERROR = "syntax error";

    private final Deque<Token> ahead;
    private final Path file;
    private Token last;

    TokenCursor(List<Token> tokens, Path file) {
        this.ahead = new ArrayDeque<>(tokens);
        this.file = file;
    }

    boolean atEnd() {
        return ahead.isEmpty();
    }

    /** The next word; call only when not {@link #atEnd()}. */
    Token peek() {
        return ahead.getFirst();
    }

    boolean nextIs(String word) {
        return !atEnd() && peek().is(word);
    }

    /** Whether a next word exists and is on the line of the word before it. */
    boolean nextOnSameLine() {
        return !atEnd() && !peek().startsLine();
    }

    Token next() throws ConfigException {
        if (atEnd()) throw error(last, "unexpected end of file");
        last = ahead.removeFirst();
        return last;
    }

    /** Puts back what follows {@code from} in {@code word}, if anything. */
    void pushBackRest(Token word, int from) {
        if (from < word.text().length()) ahead.addFirst(word.rest(from));
    }

    /** The keyword the next word starts with: {@code log} for {@code log:connect}. */
    String keywordAhead() {
        String text = peek().text();
        int colon = text.indexOf(':');
        return colon < 0 ? text : text.substring(0, colon);
    }

    /**
     * Reads {@code name:} (also written {@code name :} or {@code name:value}) and returns the name; a value glued to
     * the colon is put back.
     */
    Token keyword() throws ConfigException {
        Token word = next();
        int colon = word.text().indexOf(':');
        if (colon > 0) {
            pushBackRest(word, colon + 1);
            return word.head(colon);
        }
        if (colon == 0 || atEnd() || !peek().text().startsWith(":")) throw error(word, SYNTAX_ERROR);
        pushBackRest(next(), 1);
        return word;
    }

    /**
     * The values of a list keyword such as {@code log:}: Dante takes them up to the end of the line or a "}".
     * At least one is needed.
     */
    List<Token> valuesToEndOfLine(Token keyword) throws ConfigException {
        List<Token> values = new ArrayList<>();
        while (nextOnSameLine() && !peek().is("}")) values.add(next());
        if (values.isEmpty()) {
            throw error(atEnd() ? keyword : peek(),
                    SYNTAX_ERROR + ": \"" + keyword.text() + ":\" needs one or more values on its own line");
        }
        return values;
    }

    /** A value word: anything but a brace. */
    Token value() throws ConfigException {
        Token value = next();
        if (value.is("{") || value.is("}")) throw error(value, SYNTAX_ERROR);
        return value;
    }

    /** A word holding a non-negative whole number, such as a timeout in seconds. */
    Token numberWord() throws ConfigException {
        Token value = value();
        if (!value.text().matches("[0-9]{1,18}")) throw error(value, "a number was expected");
        return value;
    }

    ConfigException error(Token at, String problem) {
        return new ConfigException(file, at.line(), tokenText(at), problem);
    }

    /** An error about whatever comes next, or about the last word at the end of the file. */
    ConfigException errorAhead(String problem) {
        return error(atEnd() ? last : peek(), problem);
    }

    /** A warning in the words of a {@link ConfigException}. */
    String warning(Token at, String problem) {
        return ConfigException.describe(file, at.line(), tokenText(at), problem);
    }

    /** Names a keyword without its colon ({@code log}, not {@code log:}); other words as written ({@code ::}). */
    private static String tokenText(Token at) {
        String text = at.text();
        return text.matches("[a-z][a-z0-9._]*:") ? text.substring(0, text.length() - 1) : text;
    }
}
