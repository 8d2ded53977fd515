package org.wirelog.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Reads Dante's server configuration, sockd.conf (danted.conf), in Dante 1.4's grammar.
 *
 * <p>Errors read like Dante's, {@code sockd.conf: problem on line 9 near token "bogus": syntax error.  Please see the
 * Dante manual for more information}, except that the token is the whole word where Dante sometimes prints only its
 * first character. Keywords Dante has but wirelog does not implement are refused as "not supported yet", except
 * {@code internal.log.*} / {@code external.log.*}, which only add warning lines and are skipped with a warning.
 */
public final class SockdConf {

    private SockdConf() {
    }

    /** Parses a sockd.conf file. Relative logoutput/errorlog file paths resolve against the config file's directory. */
    public static SocksConfig parse(Path file, Consumer<String> warnings) throws ConfigException, IOException {
        // Dante reads bytes; a stray non-UTF-8 byte in a comment must not stop us.
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        return parse(text, file, warnings);
    }

    /** Parses config text; {@code name} is used in error messages and as the base for relative paths (its parent). */
    public static SocksConfig parse(String text, Path name, Consumer<String> warnings) throws ConfigException {
        return new SockdConfParser(text, name, warnings).parse();
    }
}
