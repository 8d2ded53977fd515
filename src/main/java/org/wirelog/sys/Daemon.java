package org.wirelog.sys;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Running in the background the JVM's way: it cannot fork, so it starts itself again, detached by
 * setsid(1) from the terminal and the session, with the environment telling the new process that
 * it is the daemon.
 */
public final class Daemon {

    private static final String MARK = "WIRELOG_DAEMON";
    private static final String MAIN_CLASS = "org.wirelog.cli.Main";

    private Daemon() {
    }

    /** True in the process {@link #detach} started. */
    public static boolean isDaemon() {
        return "1".equals(System.getenv(MARK));
    }

    /**
     * Starts this program again in the background with the same JVM, the same JVM options and
     * {@code arguments}.
     *
     * @return the daemon's pid
     */
    public static long detach(List<String> arguments) throws IOException {
        ProcessHandle.Info self = ProcessHandle.current().info();
        String javaCommand = self.command().orElseThrow(() -> new IOException("cannot tell which java runs this program"));
        List<String> jvm = ManagementFactory.getRuntimeMXBean().getInputArguments();
        List<String> command = new ArrayList<>(List.of("setsid", javaCommand));
        command.addAll(jvm);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MAIN_CLASS);
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(new File("/dev/null"))
                .redirectOutput(new File("/dev/null")).redirectError(new File("/dev/null"));
        builder.environment().put(MARK, "1");
        return builder.start().pid();
    }
}
