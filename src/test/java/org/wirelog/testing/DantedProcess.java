package org.wirelog.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The real Dante server (Debian's dante-server) as a peer: started in the foreground with {@code -N 1} in a process
 * group of its own (setsid), so that stopping it can wait for its children too, and only for them.
 */
public final class DantedProcess implements AutoCloseable {

    private final Process process;
    private final Path output;

    private DantedProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts danted on {@code config} and waits (bounded) until it accepts on {@code listens}. */
    public static DantedProcess start(Path config, InetSocketAddress listens) throws IOException, InterruptedException {
        Path output = Files.createTempFile("danted", ".out");
        Process process = new ProcessBuilder("setsid", "danted", "-N", "1", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        DantedProcess danted = new DantedProcess(process, output);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            if (!process.isAlive()) throw new IOException("danted exited with " + process.exitValue() + ": " + danted.output());
            try (Socket probe = new Socket()) {
                probe.connect(listens, 200);
                return danted;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    danted.close();
                    throw new IOException("danted did not listen on " + listens + ": " + danted.output());
                }
                Thread.sleep(50);
            }
        }
    }

    public String output() throws IOException {
        return Files.readString(output);
    }

    /** SIGTERM to the mother, then waits (bounded) until its whole process group is gone. */
    @Override
    public void close() throws IOException {
        long group = process.pid();
        try {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (groupAlive(group) && System.nanoTime() < deadline) Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static boolean groupAlive(long group) throws IOException, InterruptedException {
        Process probe = new ProcessBuilder("kill", "-0", "--", "-" + group).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return probe.waitFor() == 0;
    }
}
