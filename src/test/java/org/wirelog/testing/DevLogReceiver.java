package org.wirelog.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A syslog receiver the test owns, for programs that log through libc's syslog(3): a unix datagram socket
 * (a python3 listener writing each datagram as a line), mounted on {@code /dev/log} in a private mount namespace
 * that only the program under test runs in ({@link #wrapper()}). The machine's own /dev/log is never touched.
 */
public final class DevLogReceiver implements AutoCloseable {

    /** /dev in a private mount namespace: a tmpfs with the few devices a JVM uses, and our socket as /dev/log. */
    private static final String PRIVATE_DEV_LOG = """
            set -e
            mkdir -p "$WIRELOG_TEST_DIR/realdev"
            mount --rbind /dev "$WIRELOG_TEST_DIR/realdev"
            mount -t tmpfs tmpfs /dev
            for n in null zero full random urandom tty; do touch /dev/$n; mount --bind "$WIRELOG_TEST_DIR/realdev/$n" /dev/$n; done
            ln -s /proc/self/fd /dev/fd
            touch /dev/log
            mount --bind "$WIRELOG_TEST_DIR/log.sock" /dev/log
            exec "$@"
            """;

    private final Path dir;
    private final Path received;
    private final Process listener;

    private DevLogReceiver(Path dir, Path received, Process listener) {
        this.dir = dir;
        this.received = received;
        this.listener = listener;
    }

    /** Starts listening on {@code dir/log.sock}; returns once the socket is there. */
    public static DevLogReceiver start(Path dir) throws IOException, InterruptedException {
        Path socket = dir.resolve("log.sock");
        Path received = dir.resolve("received.txt");
        Process listener = new ProcessBuilder("python3", "-c", """
                import socket, sys
                s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
                s.bind(sys.argv[1])
                out = open(sys.argv[2], 'ab', 0)
                while True:
                    out.write(s.recv(65536).rstrip(b'\\0') + b'\\n')
                """, socket.toString(), received.toString()).redirectErrorStream(true).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.exists(socket) && listener.isAlive() && System.nanoTime() < deadline) Thread.sleep(20);
        if (!Files.exists(socket)) {
            listener.destroyForcibly();
            throw new IOException("the syslog receiver did not start");
        }
        return new DevLogReceiver(dir, received, listener);
    }

    /** The command to put in front of the program: it runs with this receiver as its /dev/log. */
    public List<String> wrapper() {
        return List.of("env", "WIRELOG_TEST_DIR=" + dir, "unshare", "-m", "--propagation", "private", "sh", "-c", PRIVATE_DEV_LOG, "sh");
    }

    /** Every message received so far, one a line, as syslog(3) sent it ({@code <PRI>Mmm dd hh:mm:ss TAG: text}). */
    public List<String> messages() throws IOException {
        return Files.exists(received) ? Files.readAllLines(received) : List.of();
    }

    @Override
    public void close() throws InterruptedException {
        listener.destroy();
        listener.waitFor();
    }
}
