package org.wirelog.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Running as {@code user.unprivileged} the way danted does, through libc: the caller binds and opens what needs
 * root first, then switches. With a {@code user.privileged} (root) the switch is of the effective ids only, and
 * {@link #privileged} switches back for a moment, to reopen log files after logrotate or remove the pid file;
 * without one the switch is for good (real, effective and saved ids), and nothing can switch back.
 */
public final class Privileges {

    /** A user from the password database. */
    public record User(String name, int uid, int gid) {
    }

    private static final int KEEP = -1;

    private static final class Functions {
        static final Linker.Option ERRNO = Errno.CAPTURE;
        static final Native LIBC = Native.libc();
        static final MethodHandle GETPWNAM = LIBC.function("getpwnam", FunctionDescriptor.of(ADDRESS, ADDRESS));
        static final MethodHandle GETEUID = LIBC.function("geteuid", FunctionDescriptor.of(JAVA_INT));
        static final MethodHandle SETGROUPS = LIBC.function("setgroups", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS), ERRNO);
        static final MethodHandle SETRESUID = LIBC.function("setresuid", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), ERRNO);
        static final MethodHandle SETRESGID = LIBC.function("setresgid", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), ERRNO);
        /** struct passwd on LP64 glibc: pw_name, pw_passwd (pointers), then pw_uid and pw_gid. */
        static final long PW_UID = 16, PW_GID = 20, PASSWD_SIZE = 48;
    }

    /** Something that needs the privileged user. */
    @FunctionalInterface
    public interface PrivilegedAction<T, E extends Exception> {
        T run() throws E, IOException;
    }

    private static User privileged;
    private static User unprivileged;

    private Privileges() {
    }

    public static boolean isRoot() {
        try {
            return (int) Functions.GETEUID.invokeExact() == 0;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** getpwnam(3). @throws IOException when there is no such user */
    public static User lookup(String name) throws IOException {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment entry = (MemorySegment) Functions.GETPWNAM.invokeExact(call.allocateFrom(name));
            if (entry.equals(MemorySegment.NULL)) throw new IOException("no user \"" + name + "\" in the password database");
            MemorySegment passwd = entry.reinterpret(Functions.PASSWD_SIZE);
            return new User(name, passwd.get(JAVA_INT, Functions.PW_UID), passwd.get(JAVA_INT, Functions.PW_GID));
        } catch (IOException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Switches to {@code to}: its group as the only group, then its ids. With {@code from} (user.privileged) only
     * the effective ids change and {@link #privileged} can switch back; with null the change is permanent.
     */
    public static synchronized void switchTo(User to, User from) throws IOException {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment state = Errno.state(call);
            MemorySegment groups = call.allocateFrom(JAVA_INT, to.gid());
            check((int) Functions.SETGROUPS.invokeExact(state, 1L, groups), state, "setgroups(" + to.gid() + ")");
            if (from == null) {
                check((int) Functions.SETRESGID.invokeExact(state, to.gid(), to.gid(), to.gid()), state, "setresgid(" + to.gid() + ")");
                check((int) Functions.SETRESUID.invokeExact(state, to.uid(), to.uid(), to.uid()), state, "setresuid(" + to.uid() + ")");
            } else {
                check((int) Functions.SETRESGID.invokeExact(state, KEEP, to.gid(), KEEP), state, "setegid(" + to.gid() + ")");
                check((int) Functions.SETRESUID.invokeExact(state, KEEP, to.uid(), KEEP), state, "seteuid(" + to.uid() + ")");
                privileged = from;
                unprivileged = to;
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs {@code action} as the privileged user where {@link #switchTo} kept the way back, else as whoever we are.
     * The switch is process-wide for that moment, as it is in any C daemon.
     */
    public static synchronized <T, E extends Exception> T privileged(PrivilegedAction<T, E> action) throws E, IOException {
        if (privileged == null) return action.run();
        effective(privileged);
        try {
            return action.run();
        } finally {
            effective(unprivileged);
        }
    }

    private static void effective(User user) throws IOException {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment state = Errno.state(call);
            // Back to root first (uid), so that the group may change; away from root last.
            if (user == privileged) {
                check((int) Functions.SETRESUID.invokeExact(state, KEEP, user.uid(), KEEP), state, "seteuid(" + user.uid() + ")");
                check((int) Functions.SETRESGID.invokeExact(state, KEEP, user.gid(), KEEP), state, "setegid(" + user.gid() + ")");
            } else {
                check((int) Functions.SETRESGID.invokeExact(state, KEEP, user.gid(), KEEP), state, "setegid(" + user.gid() + ")");
                check((int) Functions.SETRESUID.invokeExact(state, KEEP, user.uid(), KEEP), state, "seteuid(" + user.uid() + ")");
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static void check(int result, MemorySegment state, String call) throws IOException {
        if (result == 0) return;
        throw new IOException(call + " failed: " + Errno.describe(state));
    }
}
