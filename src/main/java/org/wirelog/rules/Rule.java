package org.wirelog.rules;

import java.util.Set;
import org.wirelog.model.Command;
import org.wirelog.model.Protocol;
import org.wirelog.model.Verdict;
import org.wirelog.sys.SystemGroups;

/**
 * One {@code client pass { ... }} or {@code socks block { ... }} block of sockd.conf.
 *
 * @param number    the ordinal within its list (client and socks rules are counted separately), as logged
 * @param line      the line of the config file where the rule starts, for messages
 * @param pass      pass or block
 * @param commands  which commands it applies to; empty means all
 * @param protocols which protocols it applies to; empty means all
 * @param methods   {@code socksmethod:} / {@code clientmethod:} in the rule; empty means any
 * @param users     {@code user:} names; empty means anyone
 * @param groups    {@code group:} names: the authenticated user must belong to one; empty means anyone
 * @param log       which lines it logs
 * @param limits    {@code session.max:}, {@code session.throttle:}, {@code bandwidth:}
 */
public record Rule(Kind kind, int number, int line, boolean pass, RuleAddress from, RuleAddress to,
                   Set<Command> commands, Set<Protocol> protocols, Set<AuthMethod> methods, Set<String> users,
                   Set<String> groups, Set<LogKeyword> log, RuleLimits limits) {

    public enum Kind { CLIENT, SOCKS }

    /** A rule without groups and limits. */
    public Rule(Kind kind, int number, int line, boolean pass, RuleAddress from, RuleAddress to, Set<Command> commands,
                Set<Protocol> protocols, Set<AuthMethod> methods, Set<String> users, Set<LogKeyword> log) {
        this(kind, number, line, pass, from, to, commands, protocols, methods, users, Set.of(), log, RuleLimits.NONE);
    }

    /** "client-rule" or "socks-rule", as Dante names them in messages. */
    public String kindName() {
        return kind == Kind.CLIENT ? "client-rule" : "socks-rule";
    }

    public Verdict verdict() {
        return pass ? Verdict.pass(number) : Verdict.block(number);
    }

    public boolean logs(LogKeyword keyword) {
        return log.contains(keyword);
    }

    public boolean matches(Request request) {
        if (!commands.isEmpty() && !commands.contains(request.command())) return false;
        if (!protocols.isEmpty() && !protocols.contains(request.protocol())) return false;
        if (!methods.isEmpty() && !methods.contains(request.method())) return false;
        if (!users.isEmpty() && (request.user() == null || !users.contains(request.user()))) return false;
        if (!groups.isEmpty() && (request.user() == null || groups.stream().noneMatch(g -> SystemGroups.isMember(request.user(), g)))) {
            return false;
        }
        return from.matches(request.from()) && to.matches(request.to());
    }
}
