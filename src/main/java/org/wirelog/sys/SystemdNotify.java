package org.wirelog.sys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * systemd's readiness protocol (sd_notify(3)) for {@code Type=notify} units: one datagram, {@code READY=1}, to the
 * AF_UNIX socket named in {@code $NOTIFY_SOCKET} (a path, or with a leading {@code @} a name in the abstract
 * namespace), through {@link UnixDatagramSocket} (the JDK's channels have no Unix datagram sockets).
 */
public final class SystemdNotify {

    public static final String SOCKET_ENV = "NOTIFY_SOCKET";

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
        try (UnixDatagramSocket notify = UnixDatagramSocket.connect(socket)) {
            notify.send(message.getBytes(StandardCharsets.UTF_8));
        }
    }
}
