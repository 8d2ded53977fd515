package org.wirelog.sys;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Detaching (-D) the JVM's way: it cannot fork, so it starts itself again (same java, same JVM options) in a
 * new session (setsid), and waits until the child says it is ready, or has died, so that start-up errors
 * still reach the terminal.
 */
public final class Daemon {

    /** Set in the child: the file to create once it serves. */
    public static final String READY_ENV = "WIRELOG_READY_FILE";
    private static final String MAIN_CLASS = "org.wirelog.cli.Main";

    private Daemon() {
    }

    /** True in a process that {@link #detach} started (or that a test started the same way). */
    public static boolean isDaemon() {
        return System.getenv(READY_ENV) != null;
    }

    /**
     * @param mainArgs the command line to run in the child (without the detach option)
     * @return the daemon's pid, once it reported ready
     * @throws IOException when it could not start, with what it printed
     */
    public static long detach(List<String> mainArgs, Duration startupLimit) throws IOException, InterruptedException {
        Path ready = Files.createTempFile("wirelog-ready", "");
        Files.delete(ready);
        Path errors = Files.createTempFile("wirelog-start", ".err");
        String java = ProcessHandle.current().info().command().orElseThrow(() -> new IOException("cannot tell which java runs this program"));
        List<String> command = new ArrayList<>(List.of("setsid", java));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), MAIN_CLASS));
        command.addAll(mainArgs);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(errors.toFile());
        builder.environment().put(READY_ENV, ready.toString());
        Process child = builder.start();
        long deadline = System.nanoTime() + startupLimit.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                if (Files.exists(ready)) return child.pid();
                if (!child.isAlive()) {
                    throw new IOException("the background process exited with status " + child.exitValue() + ": "
                            + Files.readString(errors).strip());
                }
                Thread.sleep(20);
            }
            throw new IOException("the background process did not report ready within " + startupLimit.toSeconds() + "s");
        } finally {
            Files.deleteIfExists(ready);
            Files.deleteIfExists(errors);
        }
    }

    /** Start-up worked: tell the waiting parent (in a detached child), and systemd (in a Type=notify service). */
    public static void signalReady() {
        SystemdNotify.ready();
        String ready = System.getenv(READY_ENV);
        if (ready == null) return;
        try {
            Files.writeString(Path.of(ready), "ready\n");
        } catch (IOException ignored) {
            // the parent will time out and say so
        }
    }
}
