package org.wirelog.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.EnumMap;
import java.util.Map;
import org.wirelog.model.TcpInfo;

/**
 * The few socket calls wirelog needs beyond the JDK's, on a descriptor from {@link ChannelFd}: all short,
 * non-blocking system calls, made as critical downcalls on heap arrays (no native allocation per call).
 */
public final class SocketCalls {

    private static final int IPPROTO_IP = 0;
    private static final int IPPROTO_TCP = 6;
    /** linux/in.h: bind(2) fixes the address only; the port is chosen at connect(2), per four-tuple. */
    private static final int IP_BIND_ADDRESS_NO_PORT = 24;
    private static final int TCP_INFO = 11;
    /** sizeof(struct sockaddr_storage). */
    private static final int SOCKADDR_SIZE = 128;
    private static final int[] ONE = {1};
    /** The bytes of {@code struct tcp_info} up to {@code tcpi_total_retrans}, in every Linux since 2.6. */
    private static final int TCP_INFO_SIZE = 104;

    private static final Linker.Option CRITICAL = Linker.Option.critical(true);
    private static final MethodHandle SETSOCKOPT = function("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle GETSOCKOPT = function("getsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle GETSOCKNAME = function("getsockname",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle BIND = function("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final short AF_INET = 2;
    private static final short AF_INET6 = 10;

    private SocketCalls() {
    }

    /** Sets IP_BIND_ADDRESS_NO_PORT (before bind(2)); false when the kernel or this JVM cannot. */
    public static boolean bindAddressNoPort(int fd) {
        if (fd < 0 || SETSOCKOPT == null) return false;
        try {
            return (int) SETSOCKOPT.invokeExact(fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT,
                    MemorySegment.ofArray(ONE), Integer.BYTES) == 0;
        } catch (Throwable e) {
            return false;
        }
    }

    /**
     * Binds a socket to an address, port 0, with bind(2) alone: the JDK's bind also reads the address back with two
     * getsockname(2) calls, which an outgoing socket bound with IP_BIND_ADDRESS_NO_PORT does not need (its port is
     * chosen at connect(2), and the JDK reads the address again then). The address must be of the socket's family.
     *
     * @return false when it failed or cannot be done here: the caller binds the JDK's way, which says why
     */
    public static boolean bindAnyPort(int fd, InetAddress address) {
        if (fd < 0 || BIND == null) return false;
        byte[] ip = address.getAddress();
        // struct sockaddr_in (16 bytes: family, port, address) or sockaddr_in6 (28: family, port, flow information,
        // address, scope); the family in the host's byte order, the port (0) in the network's.
        byte[] sockaddr = new byte[ip.length == 4 ? 16 : 28];
        ByteBuffer fields = ByteBuffer.wrap(sockaddr).order(ByteOrder.nativeOrder());
        if (address instanceof Inet6Address v6) {
            fields.putShort(0, AF_INET6).put(8, ip).putInt(24, v6.getScopeId());
        } else {
            fields.putShort(0, AF_INET).put(4, ip);
        }
        try {
            return (int) BIND.invokeExact(fd, MemorySegment.ofArray(sockaddr), sockaddr.length) == 0;
        } catch (Throwable e) {
            return false;
        }
    }

    /**
     * The local port of a socket, from getsockname(2): also while a non-blocking connect(2) is pending and after
     * it failed, when the JDK no longer says. -1 when it cannot be read.
     */
    public static int localPort(int fd) {
        if (fd < 0 || GETSOCKNAME == null) return -1;
        byte[] address = new byte[SOCKADDR_SIZE];
        int[] length = {SOCKADDR_SIZE};
        try {
            if ((int) GETSOCKNAME.invokeExact(fd, MemorySegment.ofArray(address), MemorySegment.ofArray(length)) != 0) {
                return -1;
            }
        } catch (Throwable e) {
            return -1;
        }
        // sin_port and sin6_port are both at offset 2, in network byte order
        return (address[2] & 0xff) << 8 | (address[3] & 0xff);
    }

    /** The kernel's TCP_INFO of a TCP socket, or null when it cannot be read. */
    public static TcpInfo tcpInfo(int fd) {
        if (fd < 0 || GETSOCKOPT == null) return null;
        byte[] info = new byte[TCP_INFO_SIZE];
        int[] length = {TCP_INFO_SIZE};
        try {
            if ((int) GETSOCKOPT.invokeExact(fd, IPPROTO_TCP, TCP_INFO, MemorySegment.ofArray(info),
                    MemorySegment.ofArray(length)) != 0) {
                return null;
            }
        } catch (Throwable e) {
            return null;
        }
        return length[0] < TCP_INFO_SIZE ? null : tcpInfo(info);
    }

    /**
     * Reads {@code struct tcp_info}: seven single bytes (the seventh holds both window scales, in nibbles), then
     * 32-bit counters, in the host's byte order.
     */
    private static TcpInfo tcpInfo(byte[] info) {
        var order = java.nio.ByteOrder.nativeOrder();
        var buffer = java.nio.ByteBuffer.wrap(info).order(order);
        Map<TcpInfo.Field, Long> values = new EnumMap<>(TcpInfo.Field.class);
        for (TcpInfo.Field field : TcpInfo.Field.values()) {
            int index = field.ordinal();
            long value;
            if (field == TcpInfo.Field.SND_WSCALE) {
                value = info[6] & 0x0f;
            } else if (field == TcpInfo.Field.RCV_WSCALE) {
                value = (info[6] & 0xf0) >>> 4;
            } else if (index < TcpInfo.Field.SND_WSCALE.ordinal()) {
                value = info[index] & 0xff;
            } else {
                // tcpi_rto is the first counter, at offset 8
                value = Integer.toUnsignedLong(buffer.getInt(8 + 4 * (index - TcpInfo.Field.RTO.ordinal())));
            }
            values.put(field, value);
        }
        return new TcpInfo(values);
    }

    private static MethodHandle function(String name, FunctionDescriptor descriptor) {
        if (!ChannelFd.available()) return null;
        try {
            return Native.libc().function(name, descriptor, CRITICAL);
        } catch (RuntimeException | LinkageError unavailable) {
            return null;
        }
    }
}
