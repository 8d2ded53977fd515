package org.wirelog.socks.limit;

import java.util.IdentityHashMap;
import java.util.Map;
import org.wirelog.rules.Rule;
import org.wirelog.rules.RuleSet;

/**
 * The limiters of one configuration's rules. A reload makes new ones: sessions that run on keep counting against
 * the rules they were admitted by.
 */
public final class Limiters {

    private final Map<Rule, RuleLimiter> byRule = new IdentityHashMap<>();

    public Limiters(RuleSet rules) {
        for (Rule rule : rules.clientRules()) if (rule.limits().any()) byRule.put(rule, new RuleLimiter(rule));
        for (Rule rule : rules.socksRules()) if (rule.limits().any()) byRule.put(rule, new RuleLimiter(rule));
    }

    /** The limiter of a rule of this configuration; a rule without limits gets one that admits everything. */
    public RuleLimiter of(Rule rule) {
        RuleLimiter limiter = byRule.get(rule);
        return limiter != null ? limiter : new RuleLimiter(rule);
    }
}
