package org.wirelog.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * natlog's configuration file ({@code /etc/natlog.conf}): one option per line, written without the
 * leading hyphens, optionally followed by a colon, then its value (the rest of the line, blanks and
 * all, unquoted). Empty lines and lines starting with {@code #} are ignored. Every command-line option
 * may appear except config, help, verbose and version.
 *
 * <p>The file becomes command-line arguments, to be parsed in front of the real ones so that those win.
 */
public final class NatlogConf {

    private static final Set<String> WITH_VALUE = Set.of("conntrack-command", "conntrack-device",
            "conntrack-ip-header-size", "conntrack-restart", "ipfix", "ipfix-domain", "ipfix-template-refresh", "log", "log-data",
            "log-format", "log-rotate", "pid-file", "protocol",
            "syslog-facility", "syslog-priority", "syslog-tag", "time", "ttl");
    private static final Set<String> FLAGS = Set.of("debug", "no-bytes", "no-daemon", "no-dst", "no-via", "stdout");

    /** A line the file should not have, with where it is. */
    public static final class Problem extends Exception {
        public Problem(Path file, int line, String token, String what) {
            super(file + ", line " + line + ": " + what + ": `" + token + "'");
        }
    }

    private NatlogConf() {
    }

    public static List<String> arguments(Path file) throws IOException, Problem {
        return arguments(file, Files.readAllLines(file));
    }

    /** @param file the file's name for messages; @param lines its lines */
    static List<String> arguments(Path file, List<String> lines) throws Problem {
        List<String> args = new ArrayList<>();
        for (int n = 1; n <= lines.size(); n++) {
            String line = lines.get(n - 1).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            int blank = indexOfBlank(line);
            String name = blank < 0 ? line : line.substring(0, blank);
            String value = blank < 0 ? "" : line.substring(blank).strip();
            if (name.endsWith(":")) name = name.substring(0, name.length() - 1);
            if (WITH_VALUE.contains(name)) {
                if (value.isEmpty() && !name.equals("log-data")) throw new Problem(file, n, name, "option needs a value");
                args.add("--" + name);
                args.add(value);
            } else if (FLAGS.contains(name)) {
                if (!value.isEmpty()) throw new Problem(file, n, value, "option " + name + " takes no value");
                args.add("--" + name);
            } else {
                throw new Problem(file, n, name, "not an option of the configuration file");
            }
        }
        return args;
    }

    private static int indexOfBlank(String line) {
        for (int i = 0; i < line.length(); i++) if (Character.isWhitespace(line.charAt(i))) return i;
        return -1;
    }
}
