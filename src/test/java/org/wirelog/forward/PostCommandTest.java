package org.wirelog.forward;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wirelog.format.ipprot.Rfc3339;
import org.wirelog.model.Event;

class PostCommandTest {

    @TempDir
    Path dir;

    private final Conversation talk = Conversation.of("ping!", "pong");

    /** A script that writes each parameter it gets on a line of its own. */
    private Path script() throws Exception {
        Path script = dir.resolve("send_ipprot");
        Files.writeString(script, "#!/bin/sh\nfor p in \"$@\"; do echo \"$p\"; done > \"" + dir.resolve("params") + "\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private Event.SessionClosed runWith(String... options) throws Exception {
        try (var server = talk.server(); var forwarder = TestForwarder.start(
                java.util.stream.Stream.concat(java.util.stream.Stream.of("-P" + server.port() + "@127.0.0.1", "-f", dir.resolve("prot").toString()),
                        java.util.stream.Stream.of(options)).toArray(String[]::new))) {
            talk.runThrough(forwarder);
            var closed = (Event.SessionClosed) forwarder.awaitEnded(1).getFirst();
            forwarder.stop();   // waits for the command, which runs after the connection's log entry
            assertThat(forwarder.notices()).isEmpty();
            return closed;
        }
    }

    @Test
    void uGetsTheCompleteDataFileAndTheClientIp() throws Exception {
        Path script = script();
        runWith("-u", script.toString());
        Path file = Recordings.only(dir, "prot");
        assertThat(Files.readAllLines(dir.resolve("params"))).containsExactly(file.toString(), "127.0.0.1");
    }

    @Test
    void uTAlsoGetsTimesAndTraffic() throws Exception {
        Path script = script();
        var closed = runWith("-uT", script.toString());
        Path file = Recordings.only(dir, "prot");
        long secs = java.time.Duration.between(closed.session().begin(), closed.time()).toSeconds();
        assertThat(Files.readAllLines(dir.resolve("params"))).containsExactly(file.toString(), "127.0.0.1",
                Rfc3339.format(closed.session().begin(), TestForwarder.ZONE), Rfc3339.format(closed.time(), TestForwarder.ZONE),
                Long.toString(secs), "5", "4");
    }

    @Test
    void theCommandMayCarryItsOwnArguments() throws Exception {
        Path script = script();
        runWith("-u", script + " --first 'two words'");
        assertThat(Files.readAllLines(dir.resolve("params"))).containsExactly("--first", "two words",
                Recordings.only(dir, "prot").toString(), "127.0.0.1");
    }

    @Test
    void aFailingCommandIsLoggedAndForwardingGoesOn() throws Exception {
        try (var server = talk.server(); var forwarder = TestForwarder.start("-P" + server.port() + "@127.0.0.1",
                "-f", dir.resolve("prot").toString(), "-u", "exit 3;")) {
            talk.runThrough(forwarder);
            talk.runThrough(forwarder);
            forwarder.awaitEnded(2);
            forwarder.stop();
            List<String> notices = forwarder.notices();
            assertThat(notices).hasSize(2).allSatisfy(n -> assertThat(n).startsWith("post-processing command exit 3; for " + dir.resolve("prot_"))
                    .endsWith(" failed with exit status 3"));
        }
    }
}
