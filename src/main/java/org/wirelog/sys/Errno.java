package org.wirelog.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/** errno of a libc call, captured right after it (the JVM may call libc itself before Java could read errno). */
final class Errno {

    /** The option that makes a downcall capture errno into a state segment from {@link #state}. */
    static final Linker.Option CAPTURE = Linker.Option.captureCallState("errno");
    private static final MemoryLayout STATE = Linker.Option.captureStateLayout();
    private static final VarHandle VALUE = STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle STRERROR = Native.libc().function("strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT));

    private Errno() {
    }

    /** Room for one call's captured errno, passed as the downcall's first argument. */
    static MemorySegment state(Arena arena) {
        return arena.allocate(STATE);
    }

    static int of(MemorySegment state) {
        return (int) VALUE.get(state, 0L);
    }

    /** strerror(3) of the captured errno: "Connection refused". */
    static String describe(MemorySegment state) {
        try {
            return ((MemorySegment) STRERROR.invokeExact(of(state))).reinterpret(256).getString(0);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
