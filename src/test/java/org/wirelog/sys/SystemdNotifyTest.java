package org.wirelog.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wirelog.testing.NotifySocket;
import org.wirelog.testing.WirelogProcess;

class SystemdNotifyTest {

    private static final Duration LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void send_deliversTheMessageToASocketPath() throws Exception {
        try (NotifySocket socket = NotifySocket.bind(dir.resolve("notify").toString(), LIMIT)) {
            SystemdNotify.send(socket.name(), "READY=1\n");
            assertThat(socket.received(LIMIT)).isEqualTo("READY=1\n");
        }
    }

    @Test
    void send_deliversTheMessageToAnAbstractName() throws Exception {
        try (NotifySocket socket = NotifySocket.bind("@wirelog-notify-" + ProcessHandle.current().pid(), LIMIT)) {
            SystemdNotify.send(socket.name(), "READY=1\n");
            assertThat(socket.received(LIMIT)).isEqualTo("READY=1\n");
        }
    }

    @Test
    void send_toNoSocket_saysWhy() {
        String missing = dir.resolve("nobody-listens").toString();
        assertThatThrownBy(() -> SystemdNotify.send(missing, "READY=1\n")).isInstanceOf(IOException.class)
                .hasMessage(missing + ": No such file or directory");
    }

    /** A server started with $NOTIFY_SOCKET (as systemd starts a Type=notify unit) says READY=1 once it listens. */
    @Test
    void aServerStartedByANotifyUnit_saysReadyWithItsPid() throws Exception {
        try (NotifySocket socket = NotifySocket.bind(dir.resolve("notify").toString(), LIMIT)) {
            ProcessBuilder builder = WirelogProcess.builder("forward", "-p", "0@127.0.0.1", "-h", "127.0.0.1", "-P", "9")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put(SystemdNotify.SOCKET_ENV, socket.name());
            Process forward = builder.start();
            try {
                assertThat(socket.received(LIMIT)).isEqualTo("READY=1\nMAINPID=" + forward.pid() + "\n");
            } finally {
                forward.destroy();
                forward.waitFor();
            }
        }
    }
}
