package org.wirelog.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wirelog.format.dante.DanteFormat;
import org.wirelog.model.Event.Notice;
import org.wirelog.model.Level;
import org.wirelog.sys.Syslog;
import org.wirelog.testing.Eventually;

/**
 * The syslog daemon's socket gone (the daemon stopped, the socket removed) and back: said once, reconnected, the
 * messages missed counted. A unix datagram socket of the test's own stands in for /dev/log.
 */
class SyslogSocketTest {

    @TempDir
    Path dir;

    /** A syslog daemon's receiving end: python3 bound to the socket, each datagram a line of {@code into}. */
    private static Process receiver(Path socket, Path into) throws Exception {
        Process python = new ProcessBuilder("python3", "-c", """
                import socket, sys
                s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
                s.bind(sys.argv[1])
                out = open(sys.argv[2], 'ab', 0)
                while True:
                    out.write(s.recv(65536) + b'\\n')
                """, socket.toString(), into.toString()).redirectErrorStream(true).start();
        Eventually.await("the receiver's socket", Duration.ofSeconds(10), () -> Files.exists(socket));
        return python;
    }

    private static void stop(Process receiver, Path socket) throws Exception {
        receiver.destroy();
        receiver.waitFor();
        Files.deleteIfExists(socket);
    }

    @Test
    void aSyslogSocketThatGoesAwayIsSaidOnceAndTheMissedMessagesCountedWhenItIsBack() throws Exception {
        Path socket = dir.resolve("log.sock");
        Path first = dir.resolve("first.txt");
        Path second = dir.resolve("second.txt");
        var problemBytes = new ByteArrayOutputStream();
        var problems = new PrintStream(problemBytes, true, StandardCharsets.UTF_8);
        var syslog = new SyslogDestination(socket, "wirelog", Syslog.LOG_PID, Syslog.Facility.LOCAL1, -1);
        Process daemon = receiver(socket, first);
        try (Log log = new Log(List.of(Output.all(DanteFormat.forThisProcess(), syslog)), problems)) {
            log.emit(Notice.of(Level.WARNING, "before"));
            String tag = " wirelog[" + ProcessHandle.current().pid() + "]: ";
            // local1.warning = 17*8+4; syslog(3)'s own shape: <PRI>Mmm dd HH:MM:SS tag: message
            Eventually.await("the first message", Duration.ofSeconds(10), () -> Eventually.linesSoFar(first).size() == 1);
            assertThat(Files.readAllLines(first)).singleElement().asString()
                    .matches("<140>\\w{3} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d" + java.util.regex.Pattern.quote(tag) + "before");
            stop(daemon, socket);
            for (int n = 0; n < 10; n++) log.emit(Notice.of(Level.INFO, "while gone " + n));
            log.sync();
            String said = problemBytes.toString(StandardCharsets.UTF_8);
            assertThat(said).startsWith("wirelog: cannot write to syslog/local1: " + socket + ": ").hasLineCount(1);
            daemon = receiver(socket, second);
            Thread.sleep(1100);
            log.emit(Notice.of(Level.INFO, "back"));
            Eventually.await("the messages after reconnecting", Duration.ofSeconds(10), () -> Eventually.linesSoFar(second).size() == 2);
            assertThat(Files.readAllLines(second)).map(m -> m.substring(m.indexOf(tag) + tag.length())).containsExactly("back",
                    "10 log lines could not be sent to syslog/local1 (" + socket + ") while it was unreachable");
            assertThat(problemBytes.toString(StandardCharsets.UTF_8)).isEqualTo(said + "wirelog: writing to syslog/local1 works again\n");
        } finally {
            stop(daemon, socket);
        }
    }
}
