package org.wirelog.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;

/**
 * systemd's readiness protocol (sd_notify(3)) for {@code Type=notify} units: one datagram, {@code READY=1}, to the
 * AF_UNIX socket named in {@code $NOTIFY_SOCKET} (a path, or with a leading {@code @} a name in the abstract
 * namespace). The JDK's channels have no Unix datagram sockets, so libc's socket/sendto do it.
 */
public final class SystemdNotify {

    public static final String SOCKET_ENV = "NOTIFY_SOCKET";

    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int MSG_NOSIGNAL = 0x4000;
    /** struct sockaddr_un: sa_family_t sun_family; char sun_path[108]. */
    private static final int SUN_PATH_SIZE = 108;

    private SystemdNotify() {
    }

    /** Tells systemd the service is ready, when it started this process as a notify service; else does nothing. */
    public static void ready() {
        String socket = System.getenv(SOCKET_ENV);
        if (socket == null || socket.isEmpty()) return;
        try {
            send(socket, "READY=1\nMAINPID=" + ProcessHandle.current().pid() + "\n");
        } catch (IOException e) {
            // systemd will time the start out and say so; the service itself runs on
            System.err.println("wirelog: cannot tell systemd it is ready: " + e.getMessage());
        }
    }

    /** Sends one datagram to the socket named as in {@code $NOTIFY_SOCKET}. */
    public static void send(String socket, String message) throws IOException {
        byte[] name = socket.getBytes(StandardCharsets.UTF_8);
        if (name.length >= SUN_PATH_SIZE) throw new IOException("socket name too long: " + socket);
        boolean abstractName = name[0] == '@';
        if (abstractName) name[0] = 0;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment address = arena.allocate(2 + SUN_PATH_SIZE);
            address.set(JAVA_SHORT, 0, (short) AF_UNIX);
            MemorySegment.copy(name, 0, address, JAVA_BYTE, 2, name.length);
            // A path ends at its NUL (the zeroed rest); an abstract name is exactly its bytes.
            int addressLength = 2 + name.length + (abstractName ? 0 : 1);
            byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
            MemorySegment data = arena.allocateFrom(JAVA_BYTE, bytes);
            MemorySegment errno = arena.allocate(Libc.CAPTURED);
            int fd = (int) Libc.SOCKET.invokeExact(errno, AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
            if (fd < 0) throw new IOException("socket: errno " + (int) Libc.ERRNO.get(errno, 0L));
            try {
                long sent = (long) Libc.SENDTO.invokeExact(errno, fd, data, (long) bytes.length, MSG_NOSIGNAL, address, addressLength);
                if (sent < 0) throw new IOException("sendto " + socket + ": errno " + (int) Libc.ERRNO.get(errno, 0L));
            } finally {
                // a datagram socket that fails to close has lost nothing: the message was sent or reported
                int closeResult = (int) Libc.CLOSE.invokeExact(fd);
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("sd_notify: " + t, t);
        }
    }

    private static final class Libc {
        static final Linker.Option ERRNO_OPTION = Linker.Option.captureCallState("errno");
        static final MemoryLayout CAPTURED = Linker.Option.captureStateLayout();
        static final VarHandle ERRNO = CAPTURED.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        static final MethodHandle SOCKET = Native.libc().function("socket",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), ERRNO_OPTION);
        static final MethodHandle SENDTO = Native.libc().function("sendto",
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT), ERRNO_OPTION);
        static final MethodHandle CLOSE = Native.libc().function("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    }
}
