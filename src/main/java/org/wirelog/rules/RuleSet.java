package org.wirelog.rules;

import java.util.List;
import java.util.Optional;

/** The client rules and socks rules of one configuration, each matched first-match-wins. */
public record RuleSet(List<Rule> clientRules, List<Rule> socksRules) {

    public RuleSet {
        clientRules = List.copyOf(clientRules);
        socksRules = List.copyOf(socksRules);
    }

    /** The first client rule matching a new connection; empty means Dante's silent close. */
    public Optional<Rule> matchClient(Request request) {
        return first(clientRules, request);
    }

    /** The first socks rule matching a request; empty means the default block rule #0. */
    public Optional<Rule> matchSocks(Request request) {
        return first(socksRules, request);
    }

    private static Optional<Rule> first(List<Rule> rules, Request request) {
        for (Rule rule : rules) {
            if (rule.matches(request)) return Optional.of(rule);
        }
        return Optional.empty();
    }
}
