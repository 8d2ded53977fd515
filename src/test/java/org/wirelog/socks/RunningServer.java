package org.wirelog.socks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.wirelog.config.ConfigException;
import org.wirelog.config.SockdConf;
import org.wirelog.config.SocksConfig;
import org.wirelog.format.dante.DanteFormat;
import org.wirelog.output.FileDestination;
import org.wirelog.output.Log;
import org.wirelog.output.Output;
import org.wirelog.socks.status.StatusReport;
import org.wirelog.testing.DanteLogNormalizer;

/**
 * A SOCKS server inside the test's JVM, from sockd.conf text, logging in Dante's format to a real file:
 * for the many small tests where a process start per case would only cost time.
 */
final class RunningServer implements AutoCloseable {

    private final SocksServer server;
    private final Log log;
    private final Path logFile;

    private RunningServer(SocksServer server, Log log, Path logFile) {
        this.server = server;
        this.log = log;
        this.logFile = logFile;
    }

    /** @param config sockd.conf text; its logoutput is ignored, the log goes to a file in {@code dir} */
    static RunningServer start(String config, Path dir) throws IOException, ConfigException {
        SocksConfig parsed = SockdConf.parse(config, dir.resolve("test.conf"), warning -> { });
        Path logFile = dir.resolve("wirelog-" + System.nanoTime() + ".log");
        Log log = new Log(List.of(Output.all(DanteFormat.forThisProcess(), new FileDestination(logFile))), System.err,
                Log.Rendering.BY_EMITTERS);
        SocksServer server = new SocksServer(parsed, log);
        server.start();
        return new RunningServer(server, log, logFile);
    }

    /** A config on a free loopback port with these rules, logging connect, disconnect and ioop. */
    static String config(String extraSettings, String clientRules, String socksRules) {
        return "internal: 127.0.0.1 port = 0\nexternal: 127.0.0.1\nsocksmethod: none\nclientmethod: none\n"
                + extraSettings + "\n" + clientRules + "\n" + socksRules + "\n";
    }

    static String passAll(String extraSettings) {
        return config(extraSettings,
                "client pass { from: 127.0.0.0/8 to: 0.0.0.0/0 log: connect disconnect error ioop }",
                "socks pass { from: 127.0.0.0/8 to: 0.0.0.0/0 log: connect disconnect error }");
    }

    InetSocketAddress address() {
        return server.addresses().getFirst();
    }

    /** The log so far, every line written, the prefix stripped (ports kept). */
    List<String> lines() throws IOException {
        return rawLines().stream().map(line -> line.replaceFirst("^.*?\\) wirelog\\[\\d+\\]: \\w+: ", "")).toList();
    }

    /** The log so far with every port above 1023 numbered {@code <Pn>} by first appearance. */
    List<String> normalizedLines() throws IOException {
        return new DanteLogNormalizer(java.util.Map.of()).normalize(rawLines());
    }

    /** The same, keeping these ports as they are (a next proxy's, a target's), to be named in the expected lines. */
    List<String> normalizedLinesKeeping(int... ports) throws IOException {
        java.util.Map<Integer, Integer> kept = new java.util.HashMap<>();
        for (int port : ports) kept.put(port, port);
        return new DanteLogNormalizer(kept).normalize(rawLines());
    }

    /** Raw lines, prefix included. */
    List<String> rawLines() throws IOException {
        log.sync();
        return Files.readAllLines(logFile);
    }

    /** The SIGUSR1 status dump as it would be written now. */
    List<String> statusDump() {
        return StatusReport.lines(server.active(), "test", server.sessionCap(), java.time.Instant.now());
    }

    /** Waits (bounded) until a line containing {@code text} has been written. */
    String awaitLine(String text) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (String line : rawLines()) if (line.contains(text)) return line;
            Thread.sleep(20);
        }
        throw new AssertionError("no log line with \"" + text + "\" in:\n" + String.join("\n", rawLines()));
    }

    @Override
    public void close() {
        server.close();
        log.close();
    }
}
