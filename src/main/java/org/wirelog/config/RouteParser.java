package org.wirelog.config;

import static org.wirelog.config.TokenCursor.SYNTAX_ERROR;

import java.net.InetAddress;
import java.util.EnumSet;
import java.util.Set;
import org.wirelog.model.Command;
import org.wirelog.model.Endpoint;
import org.wirelog.rules.AuthMethod;
import org.wirelog.rules.ProxyProtocol;
import org.wirelog.rules.Route;
import org.wirelog.rules.RuleAddress;

/**
 * Parses a {@code route { ... }} block: {@code from: ... to: ... via: HOST port = N}, then {@code proxyprotocol:},
 * {@code command:}, {@code protocol:} and {@code method:}, each list on its own line as in Dante.
 */
final class RouteParser {

    /** Where {@code via:} names no port: the SOCKS port. */
    private static final int DEFAULT_PROXY_PORT = 1080;

    private final TokenCursor cursor;
    private final AddressParser addresses;

    RouteParser(TokenCursor cursor, AddressParser addresses) {
        this.cursor = cursor;
        this.addresses = addresses;
    }

    Route parse(int number, Token start) throws ConfigException {
        Token open = cursor.next();
        if (!open.is("{")) throw cursor.error(open, SYNTAX_ERROR);
        RuleAddress from = null, to = null;
        Endpoint via = null;
        Set<ProxyProtocol> protocols = EnumSet.noneOf(ProxyProtocol.class);
        Set<Command> commands = EnumSet.noneOf(Command.class);
        while (!cursor.nextIs("}")) {
            if (cursor.atEnd()) throw cursor.error(open, "this \"{\" is never closed: \"}\" is missing");
            Token keyword = cursor.keyword();
            switch (keyword.text()) {
                case "from" -> {
                    from = addresses.ruleAddress();
                    if (cursor.atEnd() || !cursor.keywordAhead().equals("to")) {
                        throw cursor.errorAhead(SYNTAX_ERROR + ": \"from:\" must be followed by \"to:\"");
                    }
                    cursor.keyword();
                    to = addresses.ruleAddress();
                }
                case "via" -> via = via();
                case "proxyprotocol" -> protocols.addAll(ListValues.read(cursor, keyword, DanteWords.PROXY_PROTOCOLS));
                case "command" -> commands.addAll(ListValues.read(cursor, keyword, DanteWords.COMMANDS));
                // Only TCP is chained (CONNECT); the protocol list says nothing more than the commands do.
                case "protocol" -> ListValues.read(cursor, keyword, DanteWords.PROTOCOLS);
                case "method" -> method(keyword);
                default -> throw cursor.error(keyword, SYNTAX_ERROR);
            }
        }
        cursor.next();
        if (from == null) throw cursor.error(start, "route has no \"from:\" and \"to:\"; both are needed");
        if (via == null) throw cursor.error(start, "route has no \"via:\": which proxy should it go through?");
        if (protocols.isEmpty()) protocols.add(ProxyProtocol.SOCKS_V5);
        for (Command command : commands) {
            if (command != Command.CONNECT) {
                throw cursor.error(start, "route for " + command.word() + ": " + UnimplementedKeywords.NOT_SUPPORTED_YET
                        + " (only connect is chained)");
            }
        }
        return new Route(number, start.line(), from, to, via, protocols, commands);
    }

    private Endpoint via() throws ConfigException {
        Token at = cursor.peek();
        if (at.is("direct")) throw cursor.error(at, "route via direct: " + UnimplementedKeywords.NOT_SUPPORTED_YET);
        Listen proxy = addresses.listen(DEFAULT_PROXY_PORT);
        try {
            return Endpoint.of(InetAddress.ofLiteral(proxy.host()), proxy.port());
        } catch (IllegalArgumentException hostname) {
            return Endpoint.unresolved(proxy.host(), proxy.port());
        }
    }

    /** The method towards the next proxy; wirelog offers it no credentials, so only {@code none} works. */
    private void method(Token keyword) throws ConfigException {
        for (Token word : ListValues.words(cursor, keyword)) {
            AuthMethod method = DanteWords.SOCKS_METHODS.get(word.text());
            if (method == null) throw cursor.error(word, SYNTAX_ERROR);
            if (method != AuthMethod.NONE) {
                throw cursor.error(word, "method " + word.text() + " towards a next proxy: "
                        + UnimplementedKeywords.NOT_SUPPORTED_YET);
            }
        }
    }
}
