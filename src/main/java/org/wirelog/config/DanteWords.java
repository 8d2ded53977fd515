package org.wirelog.config;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.wirelog.model.Command;
import org.wirelog.model.Protocol;
import org.wirelog.rules.AuthMethod;
import org.wirelog.rules.LogKeyword;
import org.wirelog.rules.ProxyProtocol;

/** Dante 1.4's vocabulary: the values its list keywords take. */
final class DanteWords {

    static final Map<String, Command> COMMANDS = Map.of(
            "bind", Command.BIND,
            "bindreply", Command.BINDREPLY,
            "connect", Command.CONNECT,
            "udpassociate", Command.UDPASSOCIATE,
            "udpreply", Command.UDPREPLY);

    static final Map<String, Protocol> PROTOCOLS = Map.of("tcp", Protocol.TCP, "udp", Protocol.UDP);

    static final Map<String, LogKeyword> LOG = Map.of(
            "connect", LogKeyword.CONNECT,
            "disconnect", LogKeyword.DISCONNECT,
            "data", LogKeyword.DATA,
            "error", LogKeyword.ERROR,
            "ioop", LogKeyword.IOOP,
            "iooperation", LogKeyword.IOOP,
            "tcpinfo", LogKeyword.TCPINFO);

    static final Map<String, AuthMethod> SOCKS_METHODS = methods(EnumSet.allOf(AuthMethod.class));

    /** clientmethod: runs before any SOCKS negotiation, so only methods that need nothing from the client fit. */
    static final Map<String, AuthMethod> CLIENT_METHODS =
            methods(EnumSet.of(AuthMethod.NONE, AuthMethod.RFC931, AuthMethod.PAM_ANY, AuthMethod.PAM_ADDRESS));

    static final Set<String> SYSLOG_FACILITIES = Set.of("auth", "authpriv", "cron", "daemon", "kern", "lpr", "mail",
            "news", "syslog", "user", "uucp", "local0", "local1", "local2", "local3", "local4", "local5", "local6",
            "local7");

    static final Map<String, ProxyProtocol> PROXY_PROTOCOLS = Map.of(
            "socks_v5", ProxyProtocol.SOCKS_V5,
            "socks_v4", ProxyProtocol.SOCKS_V4,
            "http_v1.0", ProxyProtocol.HTTP_V1_0,
            // Dante's older name for the same
            "http", ProxyProtocol.HTTP_V1_0);

    /**
     * The values of {@code *.log.*.error:}: Dante's groups, the errno names of errors a relay meets, and
     * getaddrinfo's EAI_* names.
     */
    static final Set<String> ERROR_VALUES = Set.of("no-route", "dns-any", "system-any",
            "ECONNREFUSED", "ECONNRESET", "ECONNABORTED", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENETDOWN",
            "EHOSTDOWN", "EPIPE", "EINVAL", "EACCES", "EPERM", "EADDRINUSE", "EADDRNOTAVAIL", "EAFNOSUPPORT", "EMFILE",
            "ENFILE", "ENOBUFS", "ENOMEM", "EPROTO", "EIO",
            "EAI_AGAIN", "EAI_BADFLAGS", "EAI_FAIL", "EAI_FAMILY", "EAI_MEMORY", "EAI_NODATA", "EAI_NONAME",
            "EAI_SERVICE", "EAI_SOCKTYPE", "EAI_SYSTEM", "EAI_ADDRFAMILY");

    private DanteWords() {
    }

    private static Map<String, AuthMethod> methods(Set<AuthMethod> methods) {
        return methods.stream().collect(Collectors.toUnmodifiableMap(AuthMethod::word, Function.identity()));
    }

    /** Dante's warning for an old keyword it still understands. */
    static String deprecated(String keyword, String replacement) {
        return "keyword \"" + keyword + "\" is deprecated - assuming the new keyword \"" + replacement + "\" was meant";
    }
}
