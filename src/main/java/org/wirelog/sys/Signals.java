package org.wirelog.sys;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;
import java.util.function.IntConsumer;
import sun.misc.Signal;

/**
 * POSIX signal handlers ({@code sun.misc.Signal}, the supported way from jdk.unsupported). A handler
 * runs on a thread of its own, given the signal's number.
 */
public final class Signals {

    public static final int SIGTERM = 15, SIGUSR1 = 10, SIGUSR2 = 12;

    private static final class Functions {
        static final MethodHandle KILL = Native.libc().function("kill", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    }

    private Signals() {
    }

    /** kill(2): sends {@code signal} to process {@code pid}; @return false when there is no such process (or no right) */
    public static boolean send(long pid, int signal) {
        try {
            return (int) Functions.KILL.invokeExact((int) pid, signal) == 0;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** @param name without "SIG": TERM, INT, HUP, USR1 */
    public static void handle(String name, IntConsumer handler) {
        Signal.handle(new Signal(name), signal -> handler.accept(signal.getNumber()));
    }

    /** natlog's wording: {@code SIGTERM}. */
    public static String name(int number) {
        return switch (number) {
            case 1 -> "SIGHUP";
            case 2 -> "SIGINT";
            case 10 -> "SIGUSR1";
            case 12 -> "SIGUSR2";
            case 15 -> "SIGTERM";
            default -> "signal " + number;
        };
    }
}
