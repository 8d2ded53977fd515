package org.wirelog.testing;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

/**
 * The corpus's HTTP target: python3's http.server serving hello.txt ("hello\n", modified 2020-01-01), the
 * same program that answered real Dante's clients, so byte counts compare exactly.
 */
public final class HttpTarget implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path root;

    private HttpTarget(Process process, int port, Path root) {
        this.process = process;
        this.port = port;
        this.root = root;
    }

    public static HttpTarget start(String bindAddress) throws IOException, InterruptedException {
        Path root = Files.createTempDirectory("wirelog-http");
        Path hello = Files.writeString(root.resolve("hello.txt"), "hello\n");
        Files.setLastModifiedTime(hello, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        int port = TcpTargets.freePort(java.net.InetAddress.getByName(bindAddress));
        Process process = new ProcessBuilder("python3", "-m", "http.server", "--bind", bindAddress, String.valueOf(port))
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                new Socket(bindAddress, port).close();
                return new HttpTarget(process, port, root);
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        process.destroy();
        throw new IOException("python3 -m http.server did not start on port " + port);
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try (var files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
