package org.wirelog.config;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Keywords of Dante 1.4 that wirelog has not implemented: most are refused, a few are skipped with a warning. */
final class UnimplementedKeywords {

    static final String NOT_SUPPORTED_YET = "not supported yet";

    /**
     * Refused: a server that silently skipped a route or a session limit would carry traffic Dante would not.
     */
    private static final Set<String> REFUSED = Set.of(
            // server settings
            "child.maxidle", "child.maxrequests", "compatibility", "dnsresolvdst", "extension", "external.protocol",
            "external.rotation", "internal.protocol", "libwrap.allow", "libwrap.deny", "libwrap.hosts_access",
            "realm", "resolveprotocol", "route.badexpire", "route.maxfail", "srchost", "udp.connectdst",
            // blocks besides client and socks rules
            "hostid", "monitor",
            // rule options
            "bounce", "bsdauth.stylename", "clientcompatibility", "gssapi.enctype",
            "gssapi.keytab", "gssapi.servicename", "hostindex", "libwrap", "pam.servicename",
            "proxyprotocol", "redirect", "session.inheritable", "udp.portrange");

    /** Refused keyword families with open-ended names: cpu settings, LDAP, session state, socket options. */
    private static final List<String> REFUSED_FAMILIES = List.of("cpu.", "ldap.", "session.state.",
            "internal.ip.", "internal.socket.", "internal.tcp.", "internal.udp.",
            "external.ip.", "external.socket.", "external.tcp.", "external.udp.");

    /**
     * Skipped: the {@code internal.log.*} and {@code external.log.*} keywords wirelog does not read (it reads the
     * server-wide {@code *.log.warning.error} and {@code *.log.error.error}) only ask Dante for extra lines about
     * some errors, so ignoring them changes no traffic.
     */
    private static final List<String> SKIPPED_FAMILIES = List.of("internal.log.", "external.log.");

    private UnimplementedKeywords() {
    }

    /**
     * Looks at the keyword ahead: throws if it is refused, skips its line and warns if it is skipped.
     *
     * @return whether it was skipped
     */
    static boolean skipOrRefuse(TokenCursor cursor, Consumer<String> warnings) throws ConfigException {
        String name = cursor.keywordAhead();
        if (REFUSED.contains(name) || REFUSED_FAMILIES.stream().anyMatch(name::startsWith)) {
            throw cursor.error(cursor.peek().head(name.length()), NOT_SUPPORTED_YET);
        }
        if (SKIPPED_FAMILIES.stream().noneMatch(name::startsWith)) return false;
        Token keyword = cursor.keyword();
        cursor.valuesToEndOfLine(keyword);
        warnings.accept(cursor.warning(keyword, NOT_SUPPORTED_YET + "; ignored"));
        return true;
    }
}
