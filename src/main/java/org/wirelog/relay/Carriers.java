package org.wirelog.relay;

/**
 * How many carrier threads run the sessions' virtual threads: half the cores, at least one, unless the JVM was told
 * ({@code -Djdk.virtualThreadScheduler.parallelism=N}). A session is a handful of short bursts of work between waits;
 * with a carrier per core, each wake-up tended to find another carrier idle and wake it (a futex call and a context
 * switch), and on two cores shared with the clients one carrier served the same sessions with about a third less
 * CPU per session (docs/perf.md, connection rate). The JDK reads the setting when it starts its first virtual
 * thread, so this must come before that.
 */
public final class Carriers {

    private static final String PARALLELISM = "jdk.virtualThreadScheduler.parallelism";

    private Carriers() {
    }

    public static void halfTheCoresUnlessSet() {
        if (System.getProperty(PARALLELISM) != null) return;
        System.setProperty(PARALLELISM, Integer.toString(Math.max(1, Runtime.getRuntime().availableProcessors() / 2)));
    }
}
