package org.wirelog.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real system user for authentication tests (useradd, chpasswd), removed again by {@link #close()} if this
 * test created it. Needs root, as the password database does.
 */
public final class SystemUser implements AutoCloseable {

    private final String name;
    private final boolean created;

    private SystemUser(String name, boolean created) {
        this.name = name;
        this.created = created;
    }

    public static SystemUser create(String name, String password) throws IOException, InterruptedException {
        boolean exists = run(List.of("id", name), null) == 0;
        if (!exists && run(List.of("useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", name), null) != 0) {
            throw new IOException("useradd " + name + " failed");
        }
        if (run(List.of("chpasswd"), name + ":" + password + "\n") != 0) throw new IOException("chpasswd for " + name + " failed");
        return new SystemUser(name, !exists);
    }

    public String name() {
        return name;
    }

    private static int run(List<String> command, String input) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (var in = process.getOutputStream()) {
            if (input != null) in.write(input.getBytes(StandardCharsets.UTF_8));
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (created) run(List.of("userdel", name), null);
    }
}
