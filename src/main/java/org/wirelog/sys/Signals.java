package org.wirelog.sys;

import sun.misc.Signal;

/** POSIX signal handlers (SIGHUP, SIGTERM, SIGUSR1, ...), run on a JVM thread of their own. */
public final class Signals {

    private Signals() {
    }

    /** @param name without "SIG": HUP, TERM, INT, USR1, INFO; a signal this OS lacks is skipped */
    public static boolean on(String name, Runnable handler) {
        try {
            Signal.handle(new Signal(name), signal -> handler.run());
            return true;
        } catch (IllegalArgumentException unknownOnThisOs) {
            return false;
        }
    }

    public static int number(String name) {
        return new Signal(name).getNumber();
    }
}
