package org.wirelog.model;

/**
 * Whether a rule let something through, and which one: {@code pass(1)}, {@code block(0)}.
 * Rule 0 is the built-in default rule.
 */
public record Verdict(boolean pass, int rule) {

    public static final Verdict DEFAULT_BLOCK = new Verdict(false, 0);

    public static Verdict pass(int rule) {
        return new Verdict(true, rule);
    }

    public static Verdict block(int rule) {
        return new Verdict(false, rule);
    }

    /** The same rule with the verdict turned to block: Dante's way of logging a failure after a pass rule. */
    public Verdict failed() {
        return new Verdict(false, rule);
    }

    @Override
    public String toString() {
        return appendTo(new StringBuilder(12)).toString();
    }

    /** Appends what {@link #toString()} returns, for a log line being built, without making that string first. */
    public StringBuilder appendTo(StringBuilder out) {
        return out.append(pass ? "pass(" : "block(").append(rule).append(')');
    }
}
