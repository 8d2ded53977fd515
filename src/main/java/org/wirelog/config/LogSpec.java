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

    /**
     * Beyond Dante: a central collector, RFC 5424 messages over UDP ({@code syslog://host:port}, RFC 5426) or TCP
     * ({@code syslog+tcp://host:port}, RFC 6587 octet counting), optionally {@code /facility}.
     */
    record RemoteSyslog(Transport transport, String host, int port, String facility) implements LogSpec {
        public enum Transport { UDP, TCP }
    }

    /** The prefixes that name a remote collector; their words are URLs, colons included. */
    static boolean isRemote(String word) {
        return word.startsWith("syslog://") || word.startsWith("syslog+udp://") || word.startsWith("syslog+tcp://");
    }

    /** @throws IllegalArgumentException for a remote collector written wrong, with what is wrong */
    static LogSpec parse(String word, Path relativeTo) {
        if (isRemote(word)) return remote(word);
        return switch (word) {
            case "stdout" -> new Stdout();
            case "stderr" -> new Stderr();
            case "syslog" -> new Syslog("daemon");
            default -> word.startsWith("syslog/") ? new Syslog(word.substring(7))
                    : new File(relativeTo == null ? Path.of(word) : relativeTo.resolve(word));
        };
    }

    private static RemoteSyslog remote(String word) {
        RemoteSyslog.Transport transport = word.startsWith("syslog+tcp:") ? RemoteSyslog.Transport.TCP : RemoteSyslog.Transport.UDP;
        String rest = word.substring(word.indexOf("://") + 3);
        String facility = "daemon";
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            facility = rest.substring(slash + 1);
            rest = rest.substring(0, slash);
        }
        int colon = rest.lastIndexOf(':');
        if (colon <= 0 || !rest.substring(colon + 1).matches("[0-9]{1,5}")) {
            throw new IllegalArgumentException("a remote syslog collector is written syslog://HOST:PORT or syslog+tcp://HOST:PORT");
        }
        String host = rest.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        int port = Integer.parseInt(rest.substring(colon + 1));
        if (port < 1 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
        return new RemoteSyslog(transport, host, port, facility);
    }
}
