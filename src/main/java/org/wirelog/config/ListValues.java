package org.wirelog.config;

import static org.wirelog.config.TokenCursor.SYNTAX_ERROR;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads the values of Dante's list keywords ({@code log:}, {@code command:}, {@code socksmethod:}, {@code logoutput:}
 * ...). Dante takes them up to the end of the line, so two mistakes are easy to make; the messages name them.
 */
final class ListValues {

    private ListValues() {
    }

    /** Values from a fixed vocabulary, such as {@code log: connect disconnect}. */
    static <T> List<T> read(TokenCursor cursor, Token keyword, Map<String, T> vocabulary) throws ConfigException {
        List<T> values = new ArrayList<>();
        for (Token word : words(cursor, keyword)) {
            T value = vocabulary.get(word.text());
            if (value != null) {
                values.add(value);
            } else if (word.text().contains(",")) {
                throw cursor.error(word, SYNTAX_ERROR + ": list values are separated by spaces, not commas");
            } else {
                throw cursor.error(word, SYNTAX_ERROR + ": \"" + keyword.text() + ":\" takes "
                        + String.join(" ", new TreeSet<>(vocabulary.keySet())));
            }
        }
        return values;
    }

    /** Free words, such as file names or user names. */
    static List<Token> words(TokenCursor cursor, Token keyword) throws ConfigException {
        return words(cursor, keyword, word -> false);
    }

    /** Free words, some of which may hold colons of their own (a URL). */
    static List<Token> words(TokenCursor cursor, Token keyword, java.util.function.Predicate<String> colonsAllowed)
            throws ConfigException {
        List<Token> words = cursor.valuesToEndOfLine(keyword);
        for (Token word : words) {
            if (colonsAllowed.test(word.text())) continue;
            int colon = word.text().indexOf(':');
            if (colon > 0) {
                // In Dante a list runs to the end of the line, so a keyword there is read as a value.
                Token other = word.head(colon);
                throw cursor.error(other, SYNTAX_ERROR + ": \"" + keyword.text()
                        + ":\" takes the rest of its line; put \"" + other.text() + ":\" on a line of its own");
            }
        }
        return words;
    }
}
