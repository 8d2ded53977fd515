package org.wirelog.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.wirelog.config.LogSpec.RemoteSyslog.Transport;
import org.wirelog.format.dante.DanteFormat;
import org.wirelog.model.Event.Notice;
import org.wirelog.model.Level;
import org.wirelog.sys.Syslog;
import org.wirelog.testing.Eventually;
import org.wirelog.testing.TcpTargets;

/** A TCP syslog collector that goes away and comes back: said once, reconnected, the lines it missed counted. */
class RemoteSyslogTest {

    private static final InetAddress LOOPBACK = InetAddress.ofLiteral("127.0.0.1");

    /** An RFC 6587 collector on a fixed port, keeping the messages of its one connection. */
    private record Collector(ServerSocket server, List<String> messages, AtomicReference<Socket> connection)
            implements AutoCloseable {

        static Collector on(int port) throws IOException {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(LOOPBACK, port));
            Collector collector = new Collector(server, new CopyOnWriteArrayList<>(), new AtomicReference<>());
            Thread.ofVirtual().start(collector::receive);
            return collector;
        }

        private void receive() {
            try (Socket accepted = server.accept(); DataInputStream in = new DataInputStream(accepted.getInputStream())) {
                connection.set(accepted);
                while (true) {
                    StringBuilder length = new StringBuilder();
                    for (int c; (c = in.read()) != ' '; ) {
                        if (c < 0) return;
                        length.append((char) c);
                    }
                    messages.add(new String(in.readNBytes(Integer.parseInt(length.toString())), StandardCharsets.UTF_8));
                }
            } catch (IOException closed) {
                // the collector is going away
            }
        }

        /** The message texts, after RFC 5424's header. */
        List<String> texts() {
            return messages.stream().map(m -> m.replaceFirst("^<\\d+>1 \\S+ \\S+ wirelog \\d+ - - ", "")).toList();
        }

        @Override
        public void close() throws IOException {
            server.close();
            Socket accepted = connection.get();
            if (accepted != null) accepted.close();
        }
    }

    @Test
    void aCollectorThatGoesAwayIsSaidOnceReconnectedAndTheMissedLinesCounted() throws Exception {
        int port = TcpTargets.freePort(LOOPBACK);
        var problemBytes = new ByteArrayOutputStream();
        var problems = new PrintStream(problemBytes, true, StandardCharsets.UTF_8);
        var destination = new RemoteSyslogDestination(Transport.TCP, "127.0.0.1", port, Syslog.Facility.DAEMON, "wirelog");
        Collector first = Collector.on(port);
        try (Log log = new Log(List.of(Output.all(DanteFormat.forThisProcess(), destination)), problems)) {
            log.emit(Notice.of(Level.INFO, "before"));
            Eventually.await("the first line", Duration.ofSeconds(10), () -> first.texts().equals(List.of("before")));
            first.close();
            // TCP loses the first line after the peer closed without a word: the kernel takes it, the peer's RST
            // comes back, and only the next write fails. That line is not counted (nothing can tell it was lost).
            log.emit(Notice.of(Level.INFO, "into the closed connection"));
            log.sync();
            Thread.sleep(200);
            for (int n = 0; n < 10; n++) log.emit(Notice.of(Level.INFO, "while gone " + n));
            log.sync();
            String said = problemBytes.toString(StandardCharsets.UTF_8);
            assertThat(said).startsWith("wirelog: cannot write to syslog+tcp://127.0.0.1:" + port + ": ").endsWith("\n")
                    .hasLineCount(1);
            try (Collector second = Collector.on(port)) {
                Thread.sleep(1100);
                log.emit(Notice.of(Level.INFO, "back"));
                Eventually.await("the line after reconnecting", Duration.ofSeconds(10), () -> second.texts().size() == 2);
                assertThat(second.texts()).containsExactly("back",
                        "10 log lines could not be sent to syslog+tcp://127.0.0.1:" + port + " while it was unreachable");
            }
            assertThat(problemBytes.toString(StandardCharsets.UTF_8)).isEqualTo(said
                    + "wirelog: writing to syslog+tcp://127.0.0.1:" + port + " works again\n");
        }
    }
}
