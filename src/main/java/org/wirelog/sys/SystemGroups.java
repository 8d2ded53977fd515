package org.wirelog.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Group membership as the system sees it (getgrnam(3), getgrouplist(3) through libc, so NSS sources count too):
 * what a sockd.conf {@code group:} rule asks.
 */
public final class SystemGroups {

    private static final class Functions {
        static final Native LIBC = Native.libc();
        static final MethodHandle GETGRNAM = LIBC.function("getgrnam", FunctionDescriptor.of(ADDRESS, ADDRESS));
        static final MethodHandle GETGROUPLIST = LIBC.function("getgrouplist",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS));
        /** struct group: gr_name, gr_passwd (pointers), then gr_gid. */
        static final long GR_GID = 16, GROUP_SIZE = 32;
    }

    private SystemGroups() {
    }

    /** Whether {@code user} belongs to {@code group}, as primary or supplementary group; false if either is unknown. */
    public static synchronized boolean isMember(String user, String group) {
        int gid;
        int primary;
        try {
            gid = groupId(group);
            primary = Privileges.lookup(user).gid();
        } catch (IOException unknown) {
            return false;
        }
        if (gid < 0) return false;
        if (primary == gid) return true;
        try (Arena call = Arena.ofConfined()) {
            MemorySegment name = call.allocateFrom(user);
            for (int size = 64; size <= 65536; size *= 4) {
                MemorySegment groups = call.allocate(JAVA_INT, size);
                MemorySegment count = call.allocateFrom(JAVA_INT, size);
                int found = (int) Functions.GETGROUPLIST.invokeExact(name, primary, groups, count);
                if (found < 0) continue; // more groups than room: try again with more
                int n = count.get(JAVA_INT, 0);
                for (int i = 0; i < n; i++) if (groups.getAtIndex(JAVA_INT, i) == gid) return true;
                return false;
            }
            return false;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** The group's id, or -1 when there is no such group. getgrnam(3) is not reentrant: callers hold the lock. */
    private static int groupId(String group) throws IOException {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment entry = (MemorySegment) Functions.GETGRNAM.invokeExact(call.allocateFrom(group));
            if (entry.equals(MemorySegment.NULL)) return -1;
            return entry.reinterpret(Functions.GROUP_SIZE).get(JAVA_INT, Functions.GR_GID);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
