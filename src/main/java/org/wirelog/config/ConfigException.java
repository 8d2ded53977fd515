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
        super(file + ": problem on line " + line + " near token \"" + token + "\": " + problem
                + ".  Please see the Dante manual for more information");
        this.file = file;
        this.line = line;
        this.token = token;
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
