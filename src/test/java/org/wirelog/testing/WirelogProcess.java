package org.wirelog.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.wirelog.sys.Daemon;

/**
 * wirelog run as a real process, as a user runs it: its own JVM, a real config file, real signals. Start-up
 * is awaited through the ready file the server creates once it listens.
 */
public final class WirelogProcess implements AutoCloseable {

    private final Process process;
    private final Path stderr;
    private final Path stdout;

    private WirelogProcess(Process process, Path stderr, Path stdout) {
        this.process = process;
        this.stderr = stderr;
        this.stdout = stdout;
    }

    public static WirelogProcess start(String... args) throws IOException, InterruptedException {
        return startWrapped(List.of(), args);
    }

    /**
     * Starts wirelog under a wrapper that ends by exec'ing it, so that the pid is wirelog's own
     * ({@code ip netns exec NS}, say).
     */
    public static WirelogProcess startWrapped(List<String> wrapper, String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = builder(args);
        List<String> command = new ArrayList<>(wrapper);
        command.addAll(builder.command());
        return launch(builder.command(command));
    }

    /**
     * Starts a whole command line (an installed wirelog, say) in exactly the environment given, and the ready
     * file's variable.
     */
    public static WirelogProcess startCommand(List<String> command, Map<String, String> environment)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(environment);
        return launch(builder);
    }

    private static WirelogProcess launch(ProcessBuilder builder) throws IOException, InterruptedException {
        Path ready = Files.createTempFile("wirelog-ready", "");
        Files.delete(ready);
        Path stderr = Files.createTempFile("wirelog-stderr", ".txt");
        Path stdout = Files.createTempFile("wirelog-stdout", ".txt");
        builder.redirectError(stderr.toFile()).redirectOutput(stdout.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put(Daemon.READY_ENV, ready.toString());
        Process process = builder.start();
        WirelogProcess started = new WirelogProcess(process, stderr, stdout);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.exists(ready)) {
            if (!process.isAlive()) throw new IOException("wirelog exited with " + process.exitValue() + ": " + started.stderr());
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IOException("wirelog did not become ready: " + started.stderr());
            }
            Thread.sleep(10);
        }
        Files.delete(ready);
        return started;
    }

    /** The command line that runs wirelog's main class from this test's class path, with the ready file set. */
    public static ProcessBuilder builder(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "--enable-native-access=ALL-UNNAMED",
                "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "org.wirelog.cli.Main"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    /** Runs wirelog to completion (for -V, -v, bad configs) and returns exit code and output. */
    public static Completed run(Duration limit, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile("wirelog-out", ".txt");
        Process process = builder(args).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IOException("wirelog " + String.join(" ", args) + " did not finish within " + limit);
        }
        String text = Files.readString(out);
        Files.delete(out);
        return new Completed(process.exitValue(), text);
    }

    public record Completed(int exitCode, String output) {
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    public long pid() {
        return process.pid();
    }

    public void signal(String name) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start().waitFor();
    }

    /** Waits for the process to end by itself; returns the exit code. */
    public int waitFor(Duration limit) throws InterruptedException, IOException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IOException("wirelog did not exit within " + limit + ": " + stderr());
        }
        return process.exitValue();
    }

    /** SIGTERM, then wait for a clean exit; returns the exit code. */
    public int stop() throws InterruptedException, IOException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("wirelog did not exit on SIGTERM: " + stderr());
        }
        return process.exitValue();
    }

    public String stderr() throws IOException {
        return Files.readString(stderr);
    }

    /** What it wrote to stdout so far. */
    public List<String> stdout() throws IOException {
        return Files.readAllLines(stdout);
    }

    @Override
    public void close() throws IOException {
        if (process.isAlive()) process.destroyForcibly();
        Files.deleteIfExists(stderr);
        Files.deleteIfExists(stdout);
    }
}
