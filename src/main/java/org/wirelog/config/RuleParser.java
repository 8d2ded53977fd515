package org.wirelog.config;

import static org.wirelog.config.TokenCursor.SYNTAX_ERROR;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.wirelog.model.Command;
import org.wirelog.model.Protocol;
import org.wirelog.rules.AuthMethod;
import org.wirelog.rules.LogKeyword;
import org.wirelog.rules.Rule;
import org.wirelog.rules.RuleAddress;
import org.wirelog.rules.RuleLimits;

/**
 * Parses the block of one rule, from "{" to "}". It must contain {@code from: ... to: ...} (in that order,
 * one right after the other, as in Dante's grammar) and may contain list keywords such as {@code log:}, each of
 * which runs to the end of its line.
 */
final class RuleParser {

    private final TokenCursor cursor;
    private final AddressParser addresses;
    private final Consumer<String> warnings;

    RuleParser(TokenCursor cursor, AddressParser addresses, Consumer<String> warnings) {
        this.cursor = cursor;
        this.addresses = addresses;
        this.warnings = warnings;
    }

    /**
     * @param start the rule's first word ({@code client}, {@code socks}, or a deprecated bare {@code pass}), whose
     *              line is the rule's line
     */
    Rule parse(Rule.Kind kind, int number, Token start, boolean pass) throws ConfigException {
        Token open = cursor.next();
        if (!open.is("{")) throw cursor.error(open, SYNTAX_ERROR);
        Draft draft = new Draft(kind);
        while (!cursor.nextIs("}")) {
            if (cursor.atEnd()) throw cursor.error(open, "this \"{\" is never closed: \"}\" is missing");
            option(draft);
        }
        cursor.next();
        if (draft.from == null) {
            throw cursor.error(start, kindName(kind) + " has no \"from:\" and \"to:\"; both are needed");
        }
        return draft.toRule(number, start.line(), pass);
    }

    private void option(Draft draft) throws ConfigException {
        String name = cursor.keywordAhead();
        if (name.startsWith("timeout.") || name.equals("pamservicename")) {
            // Dante allows timeouts and a PAM service per rule; Rule has no place for them yet (the PAM service
            // is the server setting pamservicename:).
            Token keyword = cursor.peek().head(name.length());
            throw cursor.error(keyword, UnimplementedKeywords.NOT_SUPPORTED_YET + " in a rule");
        }
        if (UnimplementedKeywords.skipOrRefuse(cursor, warnings)) return;
        Token keyword = cursor.keyword();
        switch (keyword.text()) {
            case "from" -> fromTo(keyword, draft);
            case "to" -> throw cursor.error(keyword, SYNTAX_ERROR + ": \"to:\" must come right after \"from:\"");
            case "command" -> draft.commands.addAll(socksOnly(keyword, draft, DanteWords.COMMANDS));
            case "protocol" -> draft.protocols.addAll(socksOnly(keyword, draft, DanteWords.PROTOCOLS));
            case "log" -> draft.log.addAll(ListValues.read(cursor, keyword, DanteWords.LOG));
            case "clientmethod", "socksmethod" -> methods(keyword, keyword.text(), draft);
            case "method" -> {
                String replacement = draft.kind == Rule.Kind.CLIENT ? "clientmethod" : "socksmethod";
                warnings.accept(cursor.warning(keyword, DanteWords.deprecated("method", replacement)));
                methods(keyword, replacement, draft);
            }
            case "user" -> ListValues.words(cursor, keyword).forEach(user -> draft.users.add(user.text()));
            case "group" -> ListValues.words(cursor, keyword).forEach(group -> draft.groups.add(group.text()));
            case "session.max" -> draft.limits = draft.limits.withSessionMax(count(cursor.numberWord()));
            case "session.throttle" -> throttle(draft);
            case "bandwidth" -> draft.limits = draft.limits.withBandwidth(Long.parseLong(cursor.numberWord().text()));
            default -> throw cursor.error(keyword, SYNTAX_ERROR);
        }
    }

    private void fromTo(Token from, Draft draft) throws ConfigException {
        if (draft.from != null) {
            throw cursor.error(from, SYNTAX_ERROR + ": a rule has one \"from:\" and one \"to:\"");
        }
        draft.from = addresses.ruleAddress();
        if (cursor.atEnd() || !cursor.keywordAhead().equals("to")) {
            throw cursor.errorAhead(SYNTAX_ERROR + ": \"from:\" must be followed by \"to:\"");
        }
        cursor.keyword();
        draft.to = addresses.ruleAddress();
    }

    /** Client rules are about accepting a TCP connection: no SOCKS command or protocol to choose yet. */
    private <T> List<T> socksOnly(Token keyword, Draft draft, Map<String, T> vocabulary)
            throws ConfigException {
        if (draft.kind == Rule.Kind.CLIENT) {
            throw cursor.error(keyword, SYNTAX_ERROR + ": \"" + keyword.text() + ":\" belongs in socks-rules");
        }
        return ListValues.read(cursor, keyword, vocabulary);
    }

    /**
     * A client rule's clientmethod: or a socks rule's socksmethod:. The other way round (a client rule choosing the
     * later SOCKS method, say) Dante allows but wirelog does not do yet.
     */
    private void methods(Token keyword, String methodKeyword, Draft draft) throws ConfigException {
        boolean clientMethods = methodKeyword.equals("clientmethod");
        if (clientMethods != (draft.kind == Rule.Kind.CLIENT)) {
            throw cursor.error(keyword, UnimplementedKeywords.NOT_SUPPORTED_YET + " in a " + kindName(draft.kind));
        }
        var vocabulary = clientMethods ? DanteWords.CLIENT_METHODS : DanteWords.SOCKS_METHODS;
        draft.methods.addAll(ListValues.read(cursor, keyword, vocabulary));
    }

    /** {@code session.throttle: N / S}: at most N new sessions every S seconds; also written {@code N/S}. */
    private void throttle(Draft draft) throws ConfigException {
        Token first = cursor.value();
        String text = first.text();
        while (cursor.nextOnSameLine() && (text.endsWith("/") || cursor.peek().text().startsWith("/"))) {
            text += cursor.next().text();
        }
        if (!text.matches("[0-9]{1,9}/[0-9]{1,9}") || text.endsWith("/0")) {
            throw cursor.error(first, "session.throttle takes sessions / seconds, such as \"10 / 1\"");
        }
        String[] parts = text.split("/");
        draft.limits = draft.limits.withThrottle(Integer.parseInt(parts[0]), java.time.Duration.ofSeconds(Long.parseLong(parts[1])));
    }

    private int count(Token word) throws ConfigException {
        long value = Long.parseLong(word.text());
        if (value < 1 || value > Integer.MAX_VALUE) throw cursor.error(word, "a number from 1 up was expected");
        return (int) value;
    }

    private static String kindName(Rule.Kind kind) {
        return kind == Rule.Kind.CLIENT ? "client-rule" : "socks-rule";
    }

    /** What the block has said so far. */
    private static final class Draft {
        final Rule.Kind kind;
        RuleAddress from;
        RuleAddress to;
        final Set<Command> commands = EnumSet.noneOf(Command.class);
        final Set<Protocol> protocols = EnumSet.noneOf(Protocol.class);
        final Set<AuthMethod> methods = EnumSet.noneOf(AuthMethod.class);
        final Set<String> users = new LinkedHashSet<>();
        final Set<String> groups = new LinkedHashSet<>();
        final Set<LogKeyword> log = EnumSet.noneOf(LogKeyword.class);
        RuleLimits limits = RuleLimits.NONE;

        Draft(Rule.Kind kind) {
            this.kind = kind;
        }

        Rule toRule(int number, int line, boolean pass) {
            return new Rule(kind, number, line, pass, from, to, Collections.unmodifiableSet(commands),
                    Collections.unmodifiableSet(protocols), Collections.unmodifiableSet(methods),
                    Collections.unmodifiableSet(users), Collections.unmodifiableSet(groups), Collections.unmodifiableSet(log),
                    limits);
        }
    }
}
