package org.wirelog.testing;

/**
 * The checks of the fuzz targets: a plain {@link AssertionError} when one fails. Not AssertJ there: a fuzzer
 * runs a target millions of times, and an assertion object per check costs more than the parser under test.
 */
public final class Invariant {

    private Invariant() {
    }

    /** @param what the invariant, in words, for the finding */
    public static void holds(boolean holds, String what) {
        if (!holds) throw new AssertionError("invariant broken: " + what);
    }

    /** A message that says something: an error without words is no clear error. */
    public static void says(Throwable error) {
        holds(error.getMessage() != null && !error.getMessage().isBlank(), "the " + error.getClass().getSimpleName() + " has a message");
    }
}
