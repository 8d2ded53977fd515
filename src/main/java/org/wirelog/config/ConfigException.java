package org.wirelog.config;

import java.nio.file.Path;

/**
 * A configuration error in Dante's words: {@code sockd.conf: problem on line 9 near token "bogus": syntax error}.
 */
public final class ConfigException extends Exception {

    private final Path file;
    private final int line;
    private final String token;

    public ConfigException(Path file, int line, String token, String problem) {
        super(describe(file, line, token, problem));
        this.file = file;
        this.line = line;
        this.token = token;
    }

    /** The message in Dante's words; warnings about the config use it too. */
    public static String describe(Path file, int line, String token, String problem) {
        return file + ": problem on line " + line + " near token \"" + token + "\": " + problem
                + ".  Please see the Dante manual for more information";
    }

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String token() {
        return token;
    }
}
