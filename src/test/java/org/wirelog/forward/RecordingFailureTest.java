package org.wirelog.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wirelog.forward.ForwardingTest.random;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wirelog.testing.Eventually;
import org.wirelog.testing.SmallDisk;

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
        try (SmallDisk disk = SmallDisk.mount(dir, "small", "64k")) {
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
        }
    }

    @Test
    void whenSpaceReturnsRecordingResumesAndTheConnectionLogGetsEveryLine() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(dir, "small", "1m")) {
            Path connectionLog = disk.resolve("conn.log");
            var talk = new Conversation(List.of(random(6, 2000)), List.of("got it".getBytes(StandardCharsets.US_ASCII)));
            try (var server = talk.server(); var forwarder = TestForwarder.start("-P" + server.port() + "@127.0.0.1", "-l",
                    "-f", disk.resolve("prot").toString(), "-c", connectionLog.toString())) {
                for (int i = 0; i < 2; i++) talk.runThrough(forwarder);
                forwarder.awaitEnded(2);
                int perConnection = Files.readAllLines(connectionLog).size() / 2;
                assertThat(perConnection).isPositive();
                disk.fill();
                // enough lines to overflow the last page of the connection log that tmpfs still had room in
                for (int i = 0; i < 40; i++) talk.runThrough(forwarder);
                forwarder.awaitEnded(42);
                assertThat(forwarder.logProblems()).isEqualTo("wirelog: cannot write to " + connectionLog
                        + ": No space left on device\n");
                disk.freeUp();
                Eventually.await("the connection log to work again", Duration.ofSeconds(10),
                        () -> forwarder.logProblems().contains("works again"));
                for (int i = 0; i < 2; i++) talk.runThrough(forwarder);
                forwarder.awaitEnded(44);
                assertThat(server.failures).isEmpty();
                assertThat(forwarder.notices()).hasSize(2);
                assertThat(forwarder.notices().getFirst()).startsWith("cannot record to " + disk.resolve("prot_"))
                        .contains(": No space left on device (connections are still forwarded");
                assertThat(forwarder.notices().getLast()).startsWith("recording works again: " + disk.resolve("prot_"));
                forwarder.stop();
                assertThat(forwarder.logProblems()).isEqualTo("wirelog: cannot write to " + connectionLog
                        + ": No space left on device\nwirelog: writing to " + connectionLog + " works again\n");
                assertThat(Files.readAllLines(connectionLog)).hasSize(44 * perConnection);
            }
        }
    }
}
