package org.wirelog.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Locale;

/**
 * libc's {@code openlog}/{@code syslog}/{@code closelog} through {@code java.lang.foreign}. The process
 * has one syslog connection, so this is a single static facility.
 */
public final class Syslog {

    /** syslog(3) facilities by name, with their codes (already shifted, as openlog wants them). */
    public enum Facility {
        KERN(0), USER(1), MAIL(2), DAEMON(3), AUTH(4), SYSLOG(5), LPR(6), NEWS(7), UUCP(8), CRON(9), AUTHPRIV(10), FTP(11),
        LOCAL0(16), LOCAL1(17), LOCAL2(18), LOCAL3(19), LOCAL4(20), LOCAL5(21), LOCAL6(22), LOCAL7(23);

        private final int code;

        Facility(int number) {
            this.code = number << 3;
        }

        public int code() {
            return code;
        }

        /** @throws IllegalArgumentException naming the facilities there are */
        public static Facility of(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown syslog facility `" + name + "' (one of "
                        + java.util.Arrays.toString(values()).replaceAll("[\\[\\]]", "") + ")");
            }
        }
    }

    private static final class Functions {
        static final Native LIBC = Native.libc();
        static final MethodHandle OPENLOG = LIBC.function("openlog", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, JAVA_INT));
        static final MethodHandle SYSLOG = LIBC.function("syslog", FunctionDescriptor.ofVoid(JAVA_INT, ADDRESS, ADDRESS),
                Linker.Option.firstVariadicArg(2));
        static final MethodHandle CLOSELOG = LIBC.function("closelog", FunctionDescriptor.ofVoid());
        /** The message is always the argument of a "%s", never a format of its own. */
        static final MemorySegment PERCENT_S = Arena.global().allocateFrom("%s");
    }

    /** openlog(3) option: put the pid into every message, {@code wirelog[42]:}, as daemons do. */
    public static final int LOG_PID = 1;

    /** How many times {@link #open} was called. */
    private static long opened;

    private Syslog() {
    }

    /**
     * @param ident the tag in front of every message; libc keeps the pointer, so it lives as long as the process
     * @param options LOG_PID (1), LOG_CONS (2), LOG_NDELAY (8) ..., or 0
     */
    public static synchronized long open(String ident, int options, Facility facility) {
        try {
            Functions.OPENLOG.invokeExact(Arena.global().allocateFrom(ident), options, facility.code());
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        return ++opened;
    }

    /** @param priority 0 (emerg) to 7 (debug), as in {@link org.wirelog.model.Level#priority()} */
    public static void log(int priority, String message) {
        try (Arena call = Arena.ofConfined()) {
            Functions.SYSLOG.invokeExact(priority, Functions.PERCENT_S, call.allocateFrom(message));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Closes the connection if {@code generation} (what {@link #open} returned) is the latest open: a config reload
     * opens the new destination before it closes the old one, and that close must not cut off the new one.
     */
    public static synchronized void close(long generation) {
        if (generation == opened) close();
    }

    public static synchronized void close() {
        try {
            Functions.CLOSELOG.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
