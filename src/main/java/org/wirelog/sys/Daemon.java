package org.wirelog.sys;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Detaching (-D) the Java way: a JVM cannot fork, so it starts itself again in a new session (setsid),
 * without the detach flag, and waits until the child says it is ready or has died.
 */
public final class Daemon {

    /** Set in the child: the file to create once it serves, so the parent knows start-up succeeded. */
    public static final String READY_ENV = "WIRELOG_READY_FILE";

    private Daemon() {
    }

    /**
     * @param mainArgs the command line to run in the child (without the detach flag)
     * @return the child's exit status if it failed during start-up, or 0 once it is ready
     */
    public static int detach(List<String> mainArgs, Duration startupLimit) throws IOException, InterruptedException {
        Path ready = Files.createTempFile("wirelog-ready", "");
        Files.delete(ready);
        Path errors = Files.createTempFile("wirelog-start", ".err");
        List<String> command = new ArrayList<>(List.of("setsid", ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "org.wirelog.cli.Main"));
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
                if (Files.exists(ready)) return 0;
                if (!child.isAlive()) {
                    System.err.print(Files.readString(errors));
                    return child.exitValue() == 0 ? 1 : child.exitValue();
                }
                Thread.sleep(20);
            }
            System.err.println("wirelog: the detached server did not report ready within " + startupLimit.toSeconds() + "s");
            return 1;
        } finally {
            Files.deleteIfExists(ready);
            Files.deleteIfExists(errors);
        }
    }

    /** In the child: tell the waiting parent that start-up worked. */
    public static void signalReady() {
        String ready = System.getenv(READY_ENV);
        if (ready == null) return;
        try {
            Files.writeString(Path.of(ready), "ready\n");
        } catch (IOException ignored) {
            // the parent will time out and say so
        }
    }
}
