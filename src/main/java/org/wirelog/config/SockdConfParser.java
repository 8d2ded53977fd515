package org.wirelog.config;

import static org.wirelog.config.TokenCursor.SYNTAX_ERROR;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.wirelog.model.Level;
import org.wirelog.rules.AuthMethod;
import org.wirelog.rules.Route;
import org.wirelog.rules.Rule;
import org.wirelog.rules.RuleSet;

/**
 * Parses a whole sockd.conf: server settings first, then client and socks rules, as Dante requires.
 */
final class SockdConfParser {

    /** Dante listens on the "socks" service port when {@code internal:} names none. */
    static final int DEFAULT_INTERNAL_PORT = 1080;

    /** The settings this parser reads; they must all come before the first rule. */
    private static final Set<String> SETTINGS = Set.of("internal", "external", "logoutput", "errorlog", "debug",
            "clientmethod", "socksmethod", "method", "user.privileged", "user.unprivileged", "user.notprivileged",
            "user.libwrap", "timeout.negotiate", "timeout.connect", "timeout.io", "timeout.io.tcp", "timeout.io.udp",
            "timeout.tcp_fin_wait", "session.max", "pamservicename");

    /** The error-logging settings this parser reads: which side, and at which level. */
    private static final Map<String, ErrorLogging.Side> ERROR_LOGGING_SIDES = Map.of(
            "internal", ErrorLogging.Side.INTERNAL, "external", ErrorLogging.Side.EXTERNAL);

    private final TokenCursor cursor;
    private final AddressParser addresses;
    private final RuleParser ruleParser;
    private final RouteParser routeParser;
    private final Consumer<String> warnings;
    private final Path source;
    /** Where relative log file names are taken from: the config file's directory. */
    private final Path logDirectory;

    private final List<Listen> internals = new ArrayList<>();
    private final List<Listen> externals = new ArrayList<>();
    private final List<LogSpec> logOutputs = new ArrayList<>();
    private final List<LogSpec> errorLogs = new ArrayList<>();
    private int debug;
    // Dante offers "none" unless told otherwise.
    private List<AuthMethod> clientMethods = List.of(AuthMethod.NONE);
    private List<AuthMethod> socksMethods = List.of(AuthMethod.NONE);
    private String privileged;
    private String unprivileged;
    private Timeouts timeouts = Timeouts.DEFAULT;
    private String pamService = SocksConfig.DEFAULT_PAM_SERVICE;
    private final List<Rule> clientRules = new ArrayList<>();
    private final List<Rule> socksRules = new ArrayList<>();
    private final List<Route> routes = new ArrayList<>();
    private ErrorLogging errorLogging = ErrorLogging.NONE;
    private int sessionMax;

    SockdConfParser(String text, Path source, Consumer<String> warnings) {
        this.cursor = new TokenCursor(SockdConfTokenizer.tokenize(text), source);
        this.addresses = new AddressParser(cursor);
        this.ruleParser = new RuleParser(cursor, addresses, warnings);
        this.routeParser = new RouteParser(cursor, addresses);
        this.warnings = warnings;
        this.source = source;
        this.logDirectory = source.toAbsolutePath().getParent();
    }

    SocksConfig parse() throws ConfigException {
        while (!cursor.atEnd()) statement();
        return new SocksConfig(source, internals, externals, logOutputs, errorLogs, debug, clientMethods,
                socksMethods, privileged, unprivileged, timeouts, new RuleSet(clientRules, socksRules), routes,
                errorLogging, sessionMax, pamService);
    }

    private void statement() throws ConfigException {
        Token first = cursor.peek();
        switch (first.text()) {
            case "client", "socks" -> {
                Token start = cursor.next();
                rule(start.is("client") ? Rule.Kind.CLIENT : Rule.Kind.SOCKS, start, cursor.next());
            }
            case "pass", "block" -> {
                // Older Dante's bare "pass {": a socks rule whose first word is its verdict.
                Token verdict = cursor.next();
                String replacement = "socks " + verdict.text();
                warnings.accept(cursor.warning(verdict, DanteWords.deprecated(verdict.text(), replacement)));
                rule(Rule.Kind.SOCKS, verdict, verdict);
            }
            case "route" -> {
                Token start = cursor.next();
                routes.add(routeParser.parse(routes.size() + 1, start));
            }
            default -> {
                if (errorLoggingAhead()) {
                    errorLogging(cursor.keyword());
                    return;
                }
                if (UnimplementedKeywords.skipOrRefuse(cursor, warnings)) return;
                Token keyword = cursor.keyword();
                if (!SETTINGS.contains(keyword.text())) throw cursor.error(keyword, SYNTAX_ERROR);
                if (!clientRules.isEmpty() || !socksRules.isEmpty()) {
                    throw cursor.error(keyword, "\"" + keyword.text() + ":\" is a server setting, and server "
                            + "settings must come before the rules");
                }
                setting(keyword);
            }
        }
    }

    /** Rules are numbered within their kind, from 1, as Dante logs them: {@code pass(2)}. */
    private void rule(Rule.Kind kind, Token start, Token verdict) throws ConfigException {
        if (!verdict.is("pass") && !verdict.is("block")) throw cursor.error(verdict, SYNTAX_ERROR);
        List<Rule> rules = kind == Rule.Kind.CLIENT ? clientRules : socksRules;
        rules.add(ruleParser.parse(kind, rules.size() + 1, start, verdict.is("pass")));
    }

    private void setting(Token keyword) throws ConfigException {
        switch (keyword.text()) {
            case "internal" -> internals.add(addresses.listen(DEFAULT_INTERNAL_PORT));
            case "external" -> externals.add(addresses.listen(0));
            case "logoutput" -> logOutputs.addAll(logSpecs(keyword));
            case "errorlog" -> errorLogs.addAll(logSpecs(keyword));
            case "debug" -> debug = debugLevel();
            case "clientmethod" -> clientMethods = methods(keyword, DanteWords.CLIENT_METHODS);
            case "socksmethod" -> socksMethods = methods(keyword, DanteWords.SOCKS_METHODS);
            case "method" -> {
                warnings.accept(cursor.warning(keyword, DanteWords.deprecated("method", "socksmethod")));
                socksMethods = methods(keyword, DanteWords.SOCKS_METHODS);
            }
            case "user.privileged" -> privileged = cursor.value().text();
            case "user.unprivileged", "user.notprivileged" -> unprivileged = cursor.value().text();
            // libwrap runs under this user; wirelog has no libwrap, so there is nothing to run as it.
            case "user.libwrap" -> cursor.value();
            case "timeout.negotiate" -> timeouts = timeouts.withNegotiate(seconds());
            case "timeout.connect" -> timeouts = timeouts.withConnect(seconds());
            case "timeout.io" -> {
                Duration io = seconds();
                timeouts = timeouts.withIo(io, io);
            }
            case "timeout.io.tcp" -> timeouts = timeouts.withIo(seconds(), timeouts.ioUdp());
            case "timeout.io.udp" -> timeouts = timeouts.withIo(timeouts.ioTcp(), seconds());
            case "timeout.tcp_fin_wait" -> timeouts = timeouts.withTcpFinWait(seconds());
            // Beyond Dante: a cap on the sessions open at once, over all rules.
            case "session.max" -> sessionMax = (int) Math.min(Integer.MAX_VALUE, Long.parseLong(cursor.numberWord().text()));
            case "pamservicename" -> pamService = cursor.value().text();
            default -> throw new IllegalStateException("SETTINGS has \"" + keyword.text() + "\" but nothing reads it");
        }
    }

    /** {@code internal.log.warning.error:}, {@code external.log.error.error:} and the like, at server level. */
    private boolean errorLoggingAhead() {
        String[] parts = cursor.keywordAhead().split("\\.");
        return parts.length == 4 && ERROR_LOGGING_SIDES.containsKey(parts[0]) && parts[1].equals("log")
                && (parts[2].equals("warning") || parts[2].equals("error")) && parts[3].equals("error");
    }

    private void errorLogging(Token keyword) throws ConfigException {
        String[] parts = keyword.text().split("\\.");
        Set<String> values = new LinkedHashSet<>();
        for (Token word : ListValues.words(cursor, keyword)) {
            if (!DanteWords.ERROR_VALUES.contains(word.text())) {
                throw cursor.error(word, "unknown error value \"" + word.text() + "\": give an errno name such as "
                        + "ECONNREFUSED, an EAI_* name, or no-route, dns-any, system-any");
            }
            values.add(word.text());
        }
        Level level = parts[2].equals("warning") ? Level.WARNING : Level.ERROR;
        errorLogging = errorLogging.with(new ErrorLogging.Trigger(ERROR_LOGGING_SIDES.get(parts[0]), level, values));
    }

    private List<LogSpec> logSpecs(Token keyword) throws ConfigException {
        List<LogSpec> specs = new ArrayList<>();
        for (Token word : ListValues.words(cursor, keyword, LogSpec::isRemote)) {
            LogSpec spec;
            try {
                spec = LogSpec.parse(word.text(), logDirectory);
            } catch (IllegalArgumentException e) {
                throw cursor.error(word, e.getMessage());
            }
            String facility = switch (spec) {
                case LogSpec.Syslog local -> local.facility();
                case LogSpec.RemoteSyslog remote -> remote.facility();
                default -> null;
            };
            if (facility != null && !DanteWords.SYSLOG_FACILITIES.contains(facility)) {
                throw cursor.error(word, "unknown syslog facility \"" + facility + "\"");
            }
            specs.add(spec);
        }
        return specs;
    }

    private int debugLevel() throws ConfigException {
        Token word = cursor.numberWord();
        long level = Long.parseLong(word.text());
        if (level > 2) throw cursor.error(word, "debug level " + level + " is not supported: use 0, 1 or 2");
        return (int) level;
    }

    /** Each method line replaces the one before, as in Dante; a method named twice counts once. */
    private List<AuthMethod> methods(Token keyword, Map<String, AuthMethod> vocabulary) throws ConfigException {
        return List.copyOf(new LinkedHashSet<>(ListValues.read(cursor, keyword, vocabulary)));
    }

    private Duration seconds() throws ConfigException {
        return Duration.ofSeconds(Long.parseLong(cursor.numberWord().text()));
    }
}
