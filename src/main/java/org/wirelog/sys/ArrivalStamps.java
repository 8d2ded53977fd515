package org.wirelog.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.channels.DatagramChannel;

/**
 * When the kernel received the datagram a UDP socket was last read for: Linux's {@code SIOCGSTAMP} ioctl, the
 * timestamp Dante takes (with {@code SO_TIMESTAMP}) for its UDP latency statistics. The first call on a socket
 * switches its timestamps on.
 *
 * <p>Without access to file descriptors ({@link ChannelFd}), {@link #available()} is false and there are no stamps.
 */
public final class ArrivalStamps {

    /** {@code SIOCGSTAMP} of x86-64 and arm64 Linux: a {@code struct timeval} of two longs. */
    private static final long SIOCGSTAMP = 0x8906;
    private static final MethodHandle IOCTL = !ChannelFd.available() ? null : Native.libc().function("ioctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), Linker.Option.firstVariadicArg(2),
            Linker.Option.critical(true));

    private final int fd;
    /** One per socket, used by the one thread that reads it. */
    private final MemorySegment timeval = Arena.ofAuto().allocate(16, 8);

    private ArrivalStamps(int fd) {
        this.fd = fd;
    }

    public static boolean available() {
        return IOCTL != null;
    }

    /**
     * The stamps of one socket, switched on from now; null when this JVM cannot reach file descriptors (see above).
     * Read them from one thread.
     */
    public static ArrivalStamps of(DatagramChannel channel) {
        if (!available()) return null;
        int fd = ChannelFd.of(channel);
        if (fd < 0) return null;
        ArrivalStamps stamps = new ArrivalStamps(fd);
        stamps.lastMicros(); // no datagram yet: this only switches the stamps on
        return stamps;
    }

    /** Wall-clock microseconds at which the datagram last read from the socket arrived; -1 if there is none. */
    public long lastMicros() {
        try {
            if ((int) IOCTL.invokeExact(fd, SIOCGSTAMP, timeval) != 0) return -1;
        } catch (Throwable e) {
            return -1;
        }
        return timeval.get(JAVA_LONG, 0) * 1_000_000 + timeval.get(JAVA_LONG, 8);
    }
}
