package org.wirelog.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
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
        static final MethodHandle SIGNAL = Native.libc().function("signal", FunctionDescriptor.of(ADDRESS, JAVA_INT, ADDRESS));
    }

    private Signals() {
    }

    /**
     * @param name without "SIG": HUP, TERM, INT, USR1, USR2, INFO
     * @return false when this OS has no such signal (SIGINFO on Linux), which is then simply not handled
     */
    public static boolean handle(String name, IntConsumer handler) {
        try {
            Signal signal = new Signal(name);
            if (signal.getNumber() == SIGHUP) takeBackIfIgnored(SIGHUP);
            Signal.handle(signal, s -> handler.accept(s.getNumber()));
            return true;
        } catch (IllegalArgumentException unknownOnThisOs) {
            return false;
        }
    }

    /**
     * Started under nohup, a process inherits SIGHUP ignored, and the JVM then leaves it ignored: the handler would
     * never run. A daemon's SIGHUP means "reload" whatever started it, so an inherited "ignore" is set back to the
     * default action first. SIGINT is left alone: shells ignore it in background jobs on purpose.
     */
    private static void takeBackIfIgnored(int number) {
        if (!ignored(number)) return;
        MemorySegment previous;
        try {
            previous = (MemorySegment) Functions.SIGNAL.invokeExact(number, MemorySegment.NULL); // SIG_DFL
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        if (previous.address() == -1L) throw new IllegalStateException("signal(2) would not reset " + name(number));
    }

    /** Whether this process ignores the signal: the SigIgn mask of /proc/self/status. */
    static boolean ignored(int number) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) return (Long.parseUnsignedLong(line.substring(7).trim(), 16) >>> (number - 1) & 1) != 0;
            }
        } catch (IOException | RuntimeException unreadable) {
            // not Linux, or no /proc: nothing to take back
        }
        return false;
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
