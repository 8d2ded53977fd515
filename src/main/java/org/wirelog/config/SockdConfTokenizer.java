package org.wirelog.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits sockd.conf text into words, the way Dante's scanner sees them: {@code #} starts a comment that runs to the
 * end of the line, a backslash right before a newline joins the two lines, and "{" and "}" are words of
 * their own even without spaces around them.
 *
 * <p>Colons, slashes and operators stay inside the words: what they mean depends on the keyword (an IPv6 address is
 * full of colons, a log file path full of slashes), so the parsers split them where they know the meaning.
 */
final class SockdConfTokenizer {

    private final String text;
    private final List<Token> tokens = new ArrayList<>();
    private final StringBuilder word = new StringBuilder();
    private int position;
    private int line = 1;
    private int wordLine = 1;
    private boolean atLineStart = true;

    private SockdConfTokenizer(String text) {
        this.text = text;
    }

    static List<Token> tokenize(String text) {
        return new SockdConfTokenizer(text).run();
    }

    private List<Token> run() {
        while (position < text.length()) {
            char c = text.charAt(position++);
            if (c == '\n') {
                endWord();
                line++;
                atLineStart = true;
            } else if (c == '\\' && skipEscapedNewline()) {
                // The next line continues this one: a list keyword's values go on there.
                endWord();
                line++;
            } else if (c == '#') {
                endWord();
                skipComment();
            } else if (c == '{' || c == '}') {
                endWord();
                add(String.valueOf(c), line);
            } else if (Character.isWhitespace(c)) {
                endWord();
            } else {
                if (word.isEmpty()) wordLine = line;
                word.append(c);
            }
        }
        endWord();
        return tokens;
    }

    private boolean skipEscapedNewline() {
        if (text.startsWith("\n", position)) {
            position += 1;
            return true;
        }
        if (text.startsWith("\r\n", position)) {
            position += 2;
            return true;
        }
        return false;
    }

    private void skipComment() {
        while (position < text.length() && text.charAt(position) != '\n') position++;
    }

    private void endWord() {
        if (word.isEmpty()) return;
        add(word.toString(), wordLine);
        word.setLength(0);
    }

    private void add(String tokenText, int tokenLine) {
        tokens.add(new Token(tokenText, tokenLine, atLineStart));
        atLineStart = false;
    }
}
