package org.wirelog.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wirelog.forward.ForwardingTest.random;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data file or connection log that cannot be written: said clearly, once, and forwarding goes on. */
class RecordingFailureTest {

    @TempDir
    Path dir;

    @Test
    void anUnwritableDataFilePathIsReportedOnceAndConnectionsAreStillForwarded() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        var talk = Conversation.of("ping", "pong");
        try (var server = talk.server();
             var forwarder = TestForwarder.start("-P" + server.port() + "@127.0.0.1", "-l", "-f", notADirectory.resolve("prot").toString())) {
            for (int i = 0; i < 3; i++) talk.runThrough(forwarder);
            forwarder.awaitEnded(3);
            assertThat(forwarder.notices()).singleElement().asString()
                    .startsWith("cannot record to " + notADirectory.resolve("prot_"))
                    .endsWith(": Not a directory (connections are still forwarded; said once until recording works again)");
            assertThat(server.failures).isEmpty();
        }
    }

    @Test
    void aFullDiskIsReportedOnceForDataFilesAndTheConnectionLogAndForwardingGoesOn() throws Exception {
        Path disk = Files.createDirectory(dir.resolve("small"));
        var mount = Recordings.tool("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", disk.toString());
        org.junit.jupiter.api.Assumptions.assumeTrue(mount.status() == 0,
                "needs root to mount a 64 kB tmpfs (mount said: " + mount.err().strip() + ")");
        try {
            var bulk = new Conversation(List.of(random(5, 300_000)), List.of("got it".getBytes(StandardCharsets.US_ASCII)));
            try (var server = bulk.server(); var forwarder = TestForwarder.start("-P" + server.port() + "@127.0.0.1", "-l",
                    "-f", disk.resolve("prot").toString(), "-c", disk.resolve("conn.log").toString())) {
                for (int i = 0; i < 3; i++) bulk.runThrough(forwarder);
                forwarder.awaitEnded(3);
                assertThat(server.failures).as("the server got every request whole").isEmpty();
                assertThat(forwarder.notices()).singleElement().asString().startsWith("cannot record to " + disk.resolve("prot_"))
                        .contains(": No space left on device (connections are still forwarded");
                assertThat(forwarder.logProblems())
                        .isEqualTo("wirelog: cannot write to " + disk.resolve("conn.log") + ": No space left on device\n");
            }
        } finally {
            Recordings.tool("umount", disk.toString());
        }
    }
}
