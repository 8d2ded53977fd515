package org.wirelog.config;

import java.nio.file.Path;

/** A value of {@code logoutput:} or {@code errorlog:}. */
public sealed interface LogSpec {

    record File(Path path) implements LogSpec {
    }

    record Stdout() implements LogSpec {
    }

    record Stderr() implements LogSpec {
    }

    /** {@code syslog} or {@code syslog/local0}. */
    record Syslog(String facility) implements LogSpec {
    }

    static LogSpec parse(String word, Path relativeTo) {
        return switch (word) {
            case "stdout" -> new Stdout();
            case "stderr" -> new Stderr();
            case "syslog" -> new Syslog("daemon");
            default -> word.startsWith("syslog/") ? new Syslog(word.substring(7))
                    : new File(relativeTo == null ? Path.of(word) : relativeTo.resolve(word));
        };
    }
}
