package org.wirelog.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/**
 * A connected AF_UNIX datagram socket, the kind {@code /dev/log} and systemd's notify socket are, through libc (the JDK's channels do unix
 * domain streams only). Each {@link #send} is one datagram; a receiver that is gone shows as an IOException with
 * strerror's text, not as silence.
 */
public final class UnixDatagramSocket implements AutoCloseable {

    private static final int AF_UNIX = 1, SOCK_DGRAM = 2, SOCK_CLOEXEC = 0x80000, MSG_NOSIGNAL = 0x4000;
    /** struct sockaddr_un: sa_family_t (2 bytes), then sun_path[108]. */
    private static final int SUN_PATH_OFFSET = 2, SUN_PATH_SIZE = 108;

    private static final class Functions {
        static final Native LIBC = Native.libc();
        static final MethodHandle SOCKET = LIBC.function("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT),
                Errno.CAPTURE);
        static final MethodHandle CONNECT = LIBC.function("connect", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT),
                Errno.CAPTURE);
        static final MethodHandle SEND = LIBC.function("send", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT),
                Errno.CAPTURE);
        static final MethodHandle CLOSE = LIBC.function("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    }

    private final String path;
    private int fd;

    private UnixDatagramSocket(String path, int fd) {
        this.path = path;
        this.fd = fd;
    }

    /** @throws IOException naming the path and why (no such file, connection refused: no receiver) */
    public static UnixDatagramSocket connect(Path path) throws IOException {
        return connect(path.toString());
    }

    /**
     * @param name a path, or with a leading {@code @} a name in the abstract namespace (as {@code $NOTIFY_SOCKET}
     *             writes one)
     * @throws IOException naming the socket and why (no such file, connection refused: no receiver)
     */
    public static UnixDatagramSocket connect(String name) throws IOException {
        byte[] bytes = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (bytes.length == 0 || bytes.length >= SUN_PATH_SIZE) throw new IOException(name + ": no socket name, or too long");
        boolean abstractName = bytes[0] == '@';
        if (abstractName) bytes[0] = 0;
        try (Arena call = Arena.ofConfined()) {
            MemorySegment state = Errno.state(call);
            int fd = (int) Functions.SOCKET.invokeExact(state, AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
            if (fd < 0) throw new IOException(name + ": socket: " + Errno.describe(state));
            MemorySegment address = call.allocate(SUN_PATH_OFFSET + SUN_PATH_SIZE);
            address.set(JAVA_SHORT, 0, (short) AF_UNIX);
            MemorySegment.copy(bytes, 0, address, JAVA_BYTE, SUN_PATH_OFFSET, bytes.length);
            // A path ends at its NUL (the zeroed rest); an abstract name is exactly its bytes.
            int length = abstractName ? SUN_PATH_OFFSET + bytes.length : (int) address.byteSize();
            if ((int) Functions.CONNECT.invokeExact(state, fd, address, length) != 0) {
                String why = Errno.describe(state);
                int ignored = (int) Functions.CLOSE.invokeExact(fd);
                throw new IOException(name + ": " + why);
            }
            return new UnixDatagramSocket(name, fd);
        } catch (IOException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends one datagram; blocks while the receiver's queue is full, as syslog(3) does. */
    public void send(byte[] datagram) throws IOException {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment state = Errno.state(call);
            MemorySegment bytes = call.allocateFrom(JAVA_BYTE, datagram);
            if ((long) Functions.SEND.invokeExact(state, fd, bytes, (long) datagram.length, MSG_NOSIGNAL) < 0) {
                throw new IOException(path + ": " + Errno.describe(state));
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (fd < 0) return;
        try {
            int ignored = (int) Functions.CLOSE.invokeExact(fd);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        } finally {
            fd = -1;
        }
    }
}
