package org.wirelog.sys;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;
import java.util.function.IntConsumer;
import sun.misc.Signal;

/**
 * POSIX signals: handlers through {@code sun.misc.Signal} (the supported way, from jdk.unsupported; a handler
 * runs on a thread of its own), and kill(2) through libc for {@code --terminate} and friends.
 */
public final class Signals {

    public static final int SIGHUP = 1, SIGINT = 2, SIGUSR1 = 10, SIGUSR2 = 12, SIGTERM = 15;

    private static final class Functions {
        static final MethodHandle KILL = Native.libc().function("kill", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    }

    private Signals() {
    }

    /**
     * @param name without "SIG": HUP, TERM, INT, USR1, USR2, INFO
     * @return false when this OS has no such signal (SIGINFO on Linux), which is then simply not handled
     */
    public static boolean handle(String name, IntConsumer handler) {
        try {
            Signal.handle(new Signal(name), signal -> handler.accept(signal.getNumber()));
            return true;
        } catch (IllegalArgumentException unknownOnThisOs) {
            return false;
        }
    }

    /** kill(2): sends {@code signal} to process {@code pid}; @return false when there is no such process (or no right) */
    public static boolean send(long pid, int signal) {
        try {
            return (int) Functions.KILL.invokeExact((int) pid, signal) == 0;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** natlog's wording: {@code SIGTERM}. */
    public static String name(int number) {
        return switch (number) {
            case SIGHUP -> "SIGHUP";
            case SIGINT -> "SIGINT";
            case SIGUSR1 -> "SIGUSR1";
            case SIGUSR2 -> "SIGUSR2";
            case SIGTERM -> "SIGTERM";
            default -> "signal " + number;
        };
    }
}
