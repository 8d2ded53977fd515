package org.wirelog.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wirelog.nat.NatLab;
import org.wirelog.testing.Eventually;
import org.wirelog.testing.SystemUser;
import org.wirelog.testing.WirelogProcess;

/**
 * The whole trail, every hop a real process on a real network ({@link NatLab}: namespaces, nft masquerade):
 * curl on inside host 1 asks, over SOCKS 5, a wirelog forwarder on the same host, which forwards to a wirelog
 * SOCKS server on inside host 2, whose connection to the web server outside leaves through the masquerading
 * firewall, where a wirelog NAT logger watches {@code fwin} and {@code fwout}. The web server notes the
 * address it saw. {@code wirelog who} on that address, given the three logs (and the forwarder's connection
 * log, which has no outside endpoint), must lead hop by hop to curl's own address and port, and name the user curl
 * logged in as (SOCKS 5 username authentication, a system user this test creates, checked by the SOCKS server
 * against the password database): in text, in JSON (checked by python3's json module), and from an index built by
 * {@code wirelog index}, with the same answer.
 */
class WhoEndToEndTest {

    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final String SOCKS = NatLab.INSIDE2, FORWARDER = NatLab.INSIDE1, CLIENT = NatLab.INSIDE1, WEB = NatLab.OUTSIDE;
    private static final int CLIENT_PORT = 45000;
    private static final String USER = "wlwho7", PASSWORD = "Who-pass7";
    /** Says each peer it served, as "peer IP PORT", once it listens "ready". */
    private static final String WEB_SERVER = """
            import http.server
            class Handler(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    print("peer %s %d" % self.client_address, flush=True)
                    body = b"hello from outside\\n"
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                def log_message(self, *args):
                    pass
            server = http.server.HTTPServer(("WEB", 8000), Handler)
            print("ready", flush=True)
            server.serve_forever()
            """.replace("WEB", WEB);
    /**
     * The innermost hop of the first chain of a who answer in JSON: its client, its own user, how deep it lies; then
     * each hop's client user from the outside in.
     */
    private static final String INNERMOST = """
            import json, sys
            answer = json.load(sys.stdin)
            hop, depth, users = answer["chains"][0], 1, []
            while True:
                users.append(hop["client"].get("user", "-") + "/" + hop["client"].get("method", "-"))
                if "inside" not in hop:
                    break
                hop, depth = hop["inside"][0], depth + 1
            client = hop["client"]
            print(hop["log"], hop["command"], client["host"], client["port"], client.get("user", "-"), depth, len(answer["chains"]), *users)
            """;

    @TempDir
    Path dir;

    @Test
    void whoOnTheNatsOutsideAddressNamesTheClientBehindForwarderAndProxy() throws Exception {
        String why = NatLab.unavailable();
        assumeTrue(why == null, () -> "needs root, network namespaces, conntrack, nft and tcpdump: " + why);
        Path natLog = dir.resolve("nat.log"), socksLog = dir.resolve("sockd.log"), forwardLog = dir.resolve("forward.log"),
                connectionLog = dir.resolve("connections.log"), webOut = dir.resolve("web.txt"), curlOut = dir.resolve("curl.txt");
        Path conf = Files.writeString(dir.resolve("sockd.conf"), """
                logoutput: %s
                internal: %s port = 1080
                external: %s
                socksmethod: username
                client pass { from: 192.168.77.0/24 to: 0.0.0.0/0 log: connect disconnect }
                socks pass { from: 192.168.77.0/24 to: 0.0.0.0/0 log: connect disconnect }
                """.formatted(socksLog, SOCKS, SOCKS));
        try (SystemUser user = SystemUser.create(USER, PASSWORD); NatLab lab = NatLab.build()) {
            lab.start(lab.outside, webOut, "python3", "-c", WEB_SERVER);
            Eventually.await("the web server", LIMIT, () -> Eventually.linesSoFar(webOut).contains("ready"));
            Instant asked;
            try (WirelogProcess nat = WirelogProcess.startWrapped(in(lab.firewall), "nat", "-c", "/dev/null", "--no-daemon",
                    "--log", natLog.toString(), "-P", "tcp", "fwin", "fwout");
                 WirelogProcess socks = WirelogProcess.startWrapped(in(lab.inside2), "socks", "-f", conf.toString());
                 WirelogProcess forwarder = WirelogProcess.startWrapped(in(lab.inside1), "forward", "-p8080@" + FORWARDER,
                         "-P1080@" + SOCKS, "--log-output", forwardLog.toString(), "-c", connectionLog.toString())) {
                asked = Instant.now();
                Process curl = lab.start(lab.inside1, curlOut, "curl", "-sS", "--max-time", "10", "--local-port", Integer.toString(CLIENT_PORT),
                        "-x", "socks5://" + user.name() + ":" + PASSWORD + "@" + FORWARDER + ":8080", "http://" + WEB + ":8000/");
                assertThat(curl.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
                assertThat(Eventually.linesSoFar(curlOut)).containsExactly("hello from outside");
                Eventually.await("the NAT logger's line", LIMIT, () -> Eventually.linesSoFar(natLog).stream().anyMatch(l -> l.contains(" to 010.077.000.002,8000;")));
                Eventually.await("the SOCKS server's closing line", LIMIT, () -> Eventually.linesSoFar(socksLog).stream().anyMatch(l -> l.contains("]: ")));
                Eventually.await("the forwarder's closing line", LIMIT, () -> Eventually.linesSoFar(forwardLog).stream().anyMatch(l -> l.contains("]: ")));
                for (WirelogProcess p : List.of(forwarder, socks, nat)) assertThat(p.stop()).as(p.stderr()).isZero();
            }
            String[] peer = Eventually.linesSoFar(webOut).stream().filter(l -> l.startsWith("peer ")).findFirst().orElseThrow().split(" ");
            assertThat(peer[1]).as("the web server sees the firewall").isEqualTo(NatLab.FIREWALL_OUT);
            String outside = peer[1] + ":" + peer[2];
            String at = "@" + asked.getEpochSecond();
            List<String> logs = List.of(natLog.toString(), socksLog.toString(), forwardLog.toString(), connectionLog.toString());

            List<String> natLines = Eventually.linesSoFar(natLog);
            var text = who(outside, at, logs, List.of());
            assertThat(text.exitCode()).as(text.output()).isZero();
            List<String> answer = text.output().lines().toList();
            assertThat(answer.getFirst()).isEqualTo(outside + " at " + Instant.ofEpochSecond(asked.getEpochSecond()) + " (window 5s): 1 connection");
            assertThat(answer).hasSize(5);
            assertThat(answer.get(1)).startsWith("  natlog tcp/nat " + SOCKS + ":").contains(" | " + outside + " -> " + WEB + ":8000, ")
                    .endsWith("[" + natLog + ":" + (natLines.indexOf(natLines.stream().filter(l -> l.contains(" to 010.077.")).findFirst().orElseThrow()) + 1) + "]");
            assertThat(answer.get(2)).startsWith("    <- dante tcp/connect " + FORWARDER + ":").contains(" user " + USER + " (username) -> " + SOCKS + ":1080 | " + SOCKS + ":")
                    .contains(" -> " + WEB + ":8000, ");
            assertThat(answer.get(3)).startsWith("      <- dante tcp/forward " + CLIENT + ":" + CLIENT_PORT + " -> " + FORWARDER + ":8080 | ")
                    .contains(" -> " + SOCKS + ":1080, ");
            assertThat(answer.get(4)).isEqualTo("        = client " + CLIENT + ":" + CLIENT_PORT + ", user " + USER);

            var json = who(outside, at, logs, List.of("--json"));
            assertThat(json.exitCode()).as(json.output()).isZero();
            assertThat(python(INNERMOST, json.output())).isEqualTo("dante forward " + CLIENT + " " + CLIENT_PORT + " - 3 1 -/- " + USER + "/username -/-");

            Path db = dir.resolve("index.db");
            List<String> index = new ArrayList<>(List.of("index", "--db", db.toString()));
            index.addAll(logs);
            var indexed = WirelogProcess.run(LIMIT, index.toArray(String[]::new));
            assertThat(indexed.exitCode()).as(indexed.output()).isZero();
            assertThat(indexed.output()).startsWith("wirelog index: 3 connections and 0 packets from 4 logs into " + db)
                    .contains("; 2 connections without an outside endpoint");
            var fromIndex = who(outside, at, List.of(), List.of("--db", db.toString()));
            assertThat(fromIndex.exitCode()).as(fromIndex.output()).isZero();
            assertThat(fromIndex.output()).isEqualTo(text.output());

            var anHourBefore = who(outside, "@" + (asked.getEpochSecond() - 3600), List.of(), List.of("--db", db.toString()));
            assertThat(anHourBefore.exitCode()).isEqualTo(1);
            assertThat(anHourBefore.output()).endsWith(": no connection found\n");
        }
    }

    private static WirelogProcess.Completed who(String endpoint, String at, List<String> logs, List<String> options)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("who", endpoint, "--at", at, "--window", "5s"));
        args.addAll(options);
        args.addAll(logs);
        return WirelogProcess.run(LIMIT, args.toArray(String[]::new));
    }

    private String python(String script, String stdin) throws IOException, InterruptedException {
        Path input = Files.writeString(dir.resolve("answer.json"), stdin);
        Process p = new ProcessBuilder("python3", "-c", script).redirectInput(input.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertThat(p.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static List<String> in(String namespace) {
        return List.of("ip", "netns", "exec", namespace);
    }
}
