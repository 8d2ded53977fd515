package org.wirelog.config;

/**
 * One word of sockd.conf.
 *
 * @param text       the word as written (a colon or a netmask may still be glued to it)
 * @param line       its line in the file, for messages
 * @param startsLine whether it is the first word of its line; Dante's list keywords stop there
 */
record Token(String text, int line, boolean startsLine) {

    boolean is(String word) {
        return text.equals(word);
    }

    /** The text from {@code from} on, as a word that continues the same line. */
    Token rest(int from) {
        return new Token(text.substring(from), line, false);
    }

    /** The first {@code length} characters, keeping this word's place. */
    Token head(int length) {
        return new Token(text.substring(0, length), line, startsLine);
    }
}
