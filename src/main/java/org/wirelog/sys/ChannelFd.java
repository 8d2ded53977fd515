package org.wirelog.sys;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.channels.Channel;

/**
 * The file descriptor of an NIO channel, for the socket calls the JDK does not offer (timestamps, socket options,
 * TCP_INFO).
 *
 * <p>The JDK gives no public way to a channel's file descriptor; its own {@code sun.nio.ch.SelChImpl#getFDVal}
 * does, when the JVM runs with {@code --add-exports java.base/sun.nio.ch=ALL-UNNAMED} (wirelog's jar says so in
 * its manifest). Without that, {@link #available()} is false and callers take their portable path.
 */
public final class ChannelFd {

    private static final MethodHandle FD_VAL = fdVal();

    private ChannelFd() {
    }

    public static boolean available() {
        return FD_VAL != null;
    }

    /** The channel's descriptor, or -1 when this JVM cannot reach it (or the channel is of another kind). */
    public static int of(Channel channel) {
        if (FD_VAL == null) return -1;
        try {
            return (int) FD_VAL.invoke(channel);
        } catch (Throwable notSelectable) {
            return -1;
        }
    }

    private static MethodHandle fdVal() {
        try {
            Class<?> selectable = Class.forName("sun.nio.ch.SelChImpl");
            return MethodHandles.lookup().findVirtual(selectable, "getFDVal", MethodType.methodType(int.class));
        } catch (ReflectiveOperationException | RuntimeException notExported) {
            return null;
        }
    }
}
