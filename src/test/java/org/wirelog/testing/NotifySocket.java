package org.wirelog.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * systemd's end of sd_notify(3), played by python3: an AF_UNIX datagram socket (a path, or {@code @name} in the
 * abstract namespace) that receives one message.
 */
public final class NotifySocket implements AutoCloseable {

    private static final String RECEIVER = """
            import socket, sys
            name = sys.argv[1]
            s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
            s.bind("\\0" + name[1:] if name.startswith("@") else name)
            print("bound", flush=True)
            s.settimeout(float(sys.argv[2]))
            sys.stdout.write(s.recv(4096).decode())
            """;

    private final Process receiver;
    private final BufferedReader out;
    private final String name;

    private NotifySocket(Process receiver, BufferedReader out, String name) {
        this.receiver = receiver;
        this.out = out;
        this.name = name;
    }

    /** @param name a socket path, or {@code @name} for the abstract namespace, as {@code $NOTIFY_SOCKET} says it */
    public static NotifySocket bind(String name, Duration limit) throws IOException {
        Process receiver = new ProcessBuilder("python3", "-c", RECEIVER, name, Long.toString(limit.toSeconds()))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        var out = new BufferedReader(new InputStreamReader(receiver.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        if (!"bound".equals(first)) {
            receiver.destroyForcibly();
            throw new IOException("python3 could not bind " + name + ": " + first);
        }
        return new NotifySocket(receiver, out, name);
    }

    public String name() {
        return name;
    }

    /** The one message received (empty when none came within the limit). */
    public String received(Duration limit) throws IOException, InterruptedException {
        if (!receiver.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) throw new IOException("no message on " + name);
        StringBuilder message = new StringBuilder();
        for (int c; (c = out.read()) >= 0; ) message.append((char) c);
        return message.toString();
    }

    @Override
    public void close() {
        receiver.destroyForcibly();
    }
}
