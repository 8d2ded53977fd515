package org.wirelog.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.wirelog.rules.AuthMethod;
import org.wirelog.rules.Route;
import org.wirelog.rules.RuleSet;

/**
 * A parsed sockd.conf: everything {@code wirelog socks} needs to run.
 *
 * @param source        the file it came from, or null for the embedded default
 * @param internals     where to accept clients
 * @param externals     which addresses to use for outgoing connections
 * @param logOutputs    {@code logoutput:} destinations (all levels)
 * @param errorLogs     {@code errorlog:} destinations (warnings and worse)
 * @param debug         0, 1 or 2
 * @param clientMethods {@code clientmethod:}
 * @param socksMethods  {@code socksmethod:}
 * @param privileged    {@code user.privileged:}, or null
 * @param unprivileged  {@code user.unprivileged:} (or {@code user.notprivileged:}), or null
 * @param routes        {@code route} blocks: server chaining, first match wins
 * @param errorLogging  {@code internal.log.warning.error:} and its siblings
 * @param sessionMax    beyond Dante: at most this many client connections at once (0: no cap)
 * @param pamService    {@code pamservicename:}, the PAM service of the pam.* methods (Dante's default: danted)
 */
public record SocksConfig(Path source, List<Listen> internals, List<Listen> externals, List<LogSpec> logOutputs,
                          List<LogSpec> errorLogs, int debug, List<AuthMethod> clientMethods,
                          List<AuthMethod> socksMethods, String privileged, String unprivileged, Timeouts timeouts,
                          RuleSet rules, List<Route> routes, ErrorLogging errorLogging, int sessionMax, String pamService) {

    public static final String DEFAULT_PAM_SERVICE = "danted";

    public SocksConfig {
        internals = List.copyOf(internals);
        externals = List.copyOf(externals);
        logOutputs = List.copyOf(logOutputs);
        errorLogs = List.copyOf(errorLogs);
        clientMethods = List.copyOf(clientMethods);
        socksMethods = List.copyOf(socksMethods);
        routes = List.copyOf(routes);
    }

    public SocksConfig withDebug(int level) {
        return new SocksConfig(source, internals, externals, logOutputs, errorLogs, level, clientMethods, socksMethods,
                privileged, unprivileged, timeouts, rules, routes, errorLogging, sessionMax, pamService);
    }

    public boolean offers(AuthMethod method) {
        return Set.copyOf(socksMethods).contains(method);
    }
}
