package org.wirelog.socks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.wirelog.config.Listen;
import org.wirelog.config.SockdConf;
import org.wirelog.config.SocksConfig;
import org.wirelog.model.Command;
import org.wirelog.model.Endpoint;
import org.wirelog.model.Protocol;
import org.wirelog.rules.AuthMethod;
import org.wirelog.rules.Request;
import org.wirelog.relay.OwnListeners;
import org.wirelog.sys.Privileges;
import org.wirelog.testing.EchoTarget;
import org.wirelog.testing.Eventually;
import org.wirelog.testing.SocksClient;
import org.wirelog.testing.SystemUser;
import org.wirelog.testing.TcpTargets;
import org.wirelog.testing.WirelogProcess;

/**
 * Nobody is let in whom the rules do not let in, and nothing a peer sends gets wirelog to do more: the embedded
 * default, the empty rule set, a config open to the world, proxy loops, passwords, and the dropped privileges.
 */
class NobodyLetInTest {

    private static final InetAddress LOOPBACK = InetAddress.ofLiteral("127.0.0.1");
    private static final Duration LIMIT = Duration.ofSeconds(30);
    @RegisterExtension
    static final EchoTarget ECHO = new EchoTarget();

    @TempDir
    Path dir;

    private static Request clientFrom(String address, int internalPort) {
        return new Request(Endpoint.of(InetAddress.ofLiteral(address), 40000), Endpoint.of(LOOPBACK, internalPort),
                Command.ACCEPT, Protocol.TCP, AuthMethod.NONE, null);
    }

    @Test
    void theEmbeddedDefaultListensOnLoopbackAndLetsInLoopbackClientsOnly() throws Exception {
        String text;
        try (InputStream in = org.wirelog.cli.SocksCommand.class.getResourceAsStream("default-sockd.conf")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        SocksConfig config = SockdConf.parse(text, Path.of("(embedded default)"), warning -> { });

        assertThat(config.internals()).containsExactly(new Listen("127.0.0.1", 1080));
        for (String outsider : List.of("10.1.2.3", "192.168.0.7", "8.8.8.8", "::ffff:10.0.0.1", "2001:db8::1")) {
            assertThat(config.rules().matchClient(clientFrom(outsider, 1080))).as(outsider).isEmpty();
        }
        for (String local : List.of("127.0.0.1", "127.1.2.3")) {
            assertThat(config.rules().matchClient(clientFrom(local, 1080))).as(local).hasValueSatisfying(rule -> assertThat(rule.pass()).isTrue());
        }
        assertThat(Exposure.warnings(config.rules(), List.of(new InetSocketAddress(LOOPBACK, 1080)))).isEmpty();
    }

    @Test
    void withoutRulesNobodyGetsIn_andWithoutSocksRulesRuleZeroBlocks() throws Exception {
        String noRules = "internal: 127.0.0.1 port = 0\nexternal: 127.0.0.1\n";
        try (RunningServer server = RunningServer.start(noRules, dir)) {
            SocksClient.Result result = SocksClient.via(server.address()).target("127.0.0.1", ECHO.port()).run();
            assertThat(result.reply()).isEqualTo(-1);
            assertThat(result.received()).isZero();
            // Dante logs nothing for a client no client rule lets in.
            assertThat(server.lines()).isEmpty();
        }
        String clientRuleOnly = RunningServer.config("", "client pass { from: 127.0.0.0/8 to: 0/0 log: connect disconnect }", "");
        try (RunningServer server = RunningServer.start(clientRuleOnly, dir)) {
            SocksClient.Result result = SocksClient.via(server.address()).target("127.0.0.1", ECHO.port()).run();
            assertThat(result.reply()).isEqualTo(2);
            assertThat(result.received()).isZero();
            assertThat(server.awaitLine("tcp/accept ]:")).matches(".*: info: block\\(1\\): tcp/accept \\]: 127\\.0\\.0\\.1\\.\\d+ 127\\.0\\.0\\.1\\.\\d+: "
                    + "blocked by higher-level socks-rule #0: no rules matched; using default block rule");
        }
    }

    @Test
    void aClientRuleForEveryoneOnAnAddressOthersReachIsWarnedAbout() throws Exception {
        SocksConfig open = SockdConf.parse(RunningServer.config("",
                "client pass { from: 10.0.0.0/8 to: 0/0 }\nclient pass { from: 0/0 to: 0/0 }\nclient block { from: ::/0 to: 0/0 }",
                "socks pass { from: 0/0 to: 0/0 }"), dir.resolve("open.conf"), warning -> { });
        InetSocketAddress lan = new InetSocketAddress(InetAddress.ofLiteral("10.77.0.1"), 1080);

        assertThat(Exposure.warnings(open.rules(), List.of(lan))).containsExactly("client-rule #2 (line 7) passes clients from "
                + "0.0.0.0/0 on 10.77.0.1.1080, which is not a loopback address: anyone who can reach it may use this proxy");
        assertThat(Exposure.warnings(open.rules(), List.of(new InetSocketAddress(LOOPBACK, 1080)))).isEmpty();
        assertThat(Exposure.warnings(open.rules(), List.of(new InetSocketAddress(InetAddress.ofLiteral("0.0.0.0"), 1080)))).hasSize(1);
    }

    /** The warning as an operator meets it: in the log at start, and in errorlog, from a server on a LAN address. */
    @Test
    void theWorldOpenWarningIsLoggedAtStart() throws Exception {
        assumeTrue(Privileges.isRoot(), "network namespaces need root");
        String namespace = "wlopen" + ProcessHandle.current().pid();
        Path log = dir.resolve("socks.log");
        Path errors = dir.resolve("errors.log");
        Path conf = Files.writeString(dir.resolve("sockd.conf"), "logoutput: " + log + "\nerrorlog: " + errors
                + "\ninternal: 10.77.0.1 port = 1080\nexternal: 10.77.0.1\nclient pass { from: 0/0 to: 0/0 }\n"
                + "socks pass { from: 0/0 to: 0/0 }\n");
        run("ip", "netns", "add", namespace);
        try {
            run("ip", "-n", namespace, "link", "set", "lo", "up");
            // A LAN address of the namespace's own (on its lo: no dummy or veth module needed).
            run("ip", "-n", namespace, "addr", "add", "10.77.0.1/32", "dev", "lo");
            try (WirelogProcess wirelog = WirelogProcess.startWrapped(List.of("ip", "netns", "exec", namespace), "socks", "-f", conf.toString())) {
                assertThat(wirelog.stop()).isZero();
            }
        } finally {
            run("ip", "netns", "del", namespace);
        }
        String warning = ": warning: client-rule #1 (line 5) passes clients from 0.0.0.0/0 on 10.77.0.1.1080, which is not a loopback "
                + "address: anyone who can reach it may use this proxy";
        assertThat(Files.readAllLines(log)).filteredOn(l -> l.endsWith(warning)).hasSize(1);
        assertThat(Files.readAllLines(errors)).filteredOn(l -> l.endsWith(warning)).hasSize(1);
    }

    @Test
    void aConnectToTheProxysOwnListeningAddressIsRefusedAsALoop() throws Exception {
        String config = RunningServer.config("", "client pass { from: 127.0.0.0/8 to: 0/0 }", "socks pass { from: 0/0 to: 0/0 }");
        try (RunningServer server = RunningServer.start(config, dir)) {
            int own = server.address().getPort();
            SocksClient.Result byAddress = SocksClient.via(server.address()).target("127.0.0.1", own).run();
            SocksClient.Result byName = SocksClient.via(server.address()).target("localhost", own).byName().run();
            SocksClient.Result elsewhere = SocksClient.via(server.address()).target("127.0.0.1", ECHO.port()).run();

            assertThat(byAddress.reply()).isEqualTo(2);
            assertThat(byName.reply()).isEqualTo(2);
            assertThat(elsewhere.received()).isEqualTo(4);
            // Whatever the rule's log: says (here: nothing), a loop is a line.
            assertThat(server.lines()).filteredOn(l -> l.contains("proxy loop")).hasSize(2).allMatch(l -> l.matches(
                    "block\\(1\\): tcp/connect \\]: 127\\.0\\.0\\.1\\.\\d+ 127\\.0\\.0\\.1\\." + own
                            + ": proxy loop: 127\\.0\\.0\\.1\\." + own + " is where this server listens"));
        }
    }

    @Test
    void aWildcardListenerIsReachedThroughEveryLocalAddress() {
        OwnListeners wildcard = new OwnListeners(List.of(new InetSocketAddress(InetAddress.ofLiteral("0.0.0.0"), 1080)));
        assertThat(wildcard.reachedBy(InetAddress.ofLiteral("127.0.0.1"), 1080)).isPresent();
        assertThat(wildcard.reachedBy(InetAddress.ofLiteral("127.9.9.9"), 1080)).isPresent();
        assertThat(wildcard.reachedBy(InetAddress.ofLiteral("0.0.0.0"), 1080)).isPresent();
        assertThat(wildcard.reachedBy(InetAddress.ofLiteral("127.0.0.1"), 1081)).isEmpty();
        assertThat(wildcard.reachedBy(InetAddress.ofLiteral("192.0.2.1"), 1080)).isEmpty();
        OwnListeners one = new OwnListeners(List.of(new InetSocketAddress(LOOPBACK, 1080)));
        assertThat(one.reachedBy(InetAddress.ofLiteral("127.0.0.2"), 1080)).isEmpty();
    }

    /** A hostname and a user name with a newline each: escaped, one line per event, no line of the peer's own. */
    @Test
    void newlinesInHostnamesAndUserNamesCannotWriteALineOfTheirOwn() throws Exception {
        String injected = "x\nblock(1): tcp/connect ]: 1.2.3.4.5 6.7.8.9.10: injected";
        String clientRule = "client pass { from: 127.0.0.0/8 to: 0/0 log: connect disconnect error }";
        String socksRule = "socks pass { from: 0/0 to: 0/0 log: connect disconnect error }";
        try (RunningServer server = RunningServer.start(RunningServer.config("", clientRule, socksRule), dir)) {
            assertThat(SocksClient.via(server.address()).target(injected, 80).byName().run().reply()).isEqualTo(4);
            server.awaitLine("tcp/accept ]:");
            assertThat(server.rawLines()).noneMatch(l -> l.startsWith("block(1)")).anyMatch(l -> l.contains(
                    ": could not resolve hostname \"x\\nblock(1): tcp/connect ]: 1.2.3.4.5 6.7.8.9.10: injected\""));
        }
        try (RunningServer server = RunningServer.start(RunningServer.config("socksmethod: username", clientRule, socksRule), dir)) {
            SocksClient.via(server.address()).target("127.0.0.1", ECHO.port()).login("nobody\r\nblock(1): injected", "x").run();
            String line = server.awaitLine("tcp/accept ]:");
            assertThat(line).contains("nobody\\r\\nblock(1): injected");
            assertThat(server.rawLines()).noneMatch(l -> l.startsWith("block(1)"));
        }
    }

    /** Wrong and right password, at debug 2: neither reaches the log, stdout or stderr. */
    @Test
    void passwordsNeverReachAnyOutput() throws Exception {
        assumeTrue(Privileges.isRoot(), "a system user needs root");
        String right = "Right-Secret-8q";
        String wrong = "Wrong-Secret-8z";
        int port = TcpTargets.freePort(LOOPBACK);
        Path log = dir.resolve("socks.log");
        Path conf = Files.writeString(dir.resolve("sockd.conf"), "logoutput: " + log + " stdout stderr\ndebug: 2\n"
                + "internal: 127.0.0.1 port = " + port + "\nexternal: 127.0.0.1\nsocksmethod: username\n"
                + "client pass { from: 127.0.0.0/8 to: 0/0 log: connect disconnect error ioop data }\n"
                + "socks pass { from: 0/0 to: 0/0 log: connect disconnect error ioop data }\n");
        List<String> outputs = new ArrayList<>();
        try (SystemUser user = SystemUser.create("wlsecret8", right);
             WirelogProcess wirelog = WirelogProcess.start("socks", "-f", conf.toString())) {
            InetSocketAddress proxy = new InetSocketAddress(LOOPBACK, port);
            assertThat(SocksClient.via(proxy).target("127.0.0.1", ECHO.port()).login(user.name(), wrong).run().reply())
                    .isEqualTo(SocksClient.LOGIN_FAILED);
            assertThat(SocksClient.via(proxy).target("127.0.0.1", ECHO.port()).login(user.name(), right).run().received()).isEqualTo(4);
            Eventually.await("the right login's line", LIMIT,
                    () -> String.join("\n", Eventually.linesSoFar(log)).contains("username%wlsecret8@127.0.0.1."));
            assertThat(wirelog.stop()).isZero();
            outputs.add(Files.readString(log));
            outputs.add(String.join("\n", wirelog.stdout()));
            outputs.add(wirelog.stderr());
        }
        assertThat(outputs.getFirst()).contains("wlsecret8");
        for (String output : outputs) assertThat(output).doesNotContain(right).doesNotContain(wrong);
    }

    /** Bound and opened as root, then every thread runs as user.unprivileged for good: real, effective, saved, fs. */
    @Test
    void privilegesAreDroppedAfterBindingInEveryThread() throws Exception {
        assumeTrue(Privileges.isRoot(), "switching users needs root");
        try (SystemUser user = SystemUser.create("wlnobody8", "unused-8")) {
            String uid = output("id", "-u", user.name());
            String gid = output("id", "-g", user.name());
            List<String> ids = idsOfEveryThread("", user.name());
            assertThat(ids).isNotEmpty().allMatch(line -> line.equals("Uid:\t" + uid + "\t" + uid + "\t" + uid + "\t" + uid
                    + " Gid:\t" + gid + "\t" + gid + "\t" + gid + "\t" + gid), "every thread runs as " + user.name());
            // With user.privileged as well only the effective (and fs) ids change: root stays reachable for SIGHUP.
            List<String> effective = idsOfEveryThread("user.privileged: root\n", user.name());
            assertThat(effective).isNotEmpty().allMatch(line -> line.equals("Uid:\t0\t" + uid + "\t0\t" + uid
                    + " Gid:\t0\t" + gid + "\t0\t" + gid), "every thread runs as " + user.name() + " (effective)");
        }
    }

    /** Starts wirelog with a port below 1024 (only root can bind it), serves a session, reads every thread's ids. */
    private List<String> idsOfEveryThread(String privileged, String unprivileged) throws Exception {
        int port = freeLowPort();
        Path conf = Files.writeString(dir.resolve("priv.conf"), "logoutput: " + dir.resolve("priv.log") + "\n" + privileged
                + "user.unprivileged: " + unprivileged + "\ninternal: 127.0.0.1 port = " + port + "\nexternal: 127.0.0.1\n"
                + "client pass { from: 127.0.0.0/8 to: 0/0 }\nsocks pass { from: 0/0 to: 0/0 }\n");
        try (WirelogProcess wirelog = WirelogProcess.start("socks", "-f", conf.toString())) {
            assertThat(SocksClient.via(new InetSocketAddress(LOOPBACK, port)).target("127.0.0.1", ECHO.port()).run().received()).isEqualTo(4);
            List<String> ids = new ArrayList<>();
            try (var tasks = Files.list(Path.of("/proc", String.valueOf(wirelog.pid()), "task"))) {
                for (Path task : tasks.toList()) {
                    List<String> status;
                    try {
                        status = Files.readAllLines(task.resolve("status"));
                    } catch (IOException threadEnded) {
                        continue;
                    }
                    String uid = status.stream().filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow();
                    String gid = status.stream().filter(l -> l.startsWith("Gid:")).findFirst().orElseThrow();
                    ids.add(uid + " " + gid);
                }
            }
            assertThat(wirelog.stop()).isZero();
            return ids;
        }
    }

    private static int freeLowPort() throws IOException {
        for (int port = 1000; port > 900; port--) {
            try (var probe = new java.net.ServerSocket(port, 1, LOOPBACK)) {
                return port;
            } catch (IOException taken) {
                // try the next
            }
        }
        throw new IOException("no free port between 901 and 1000");
    }

    private static String output(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) throw new IOException(String.join(" ", command) + ": " + out);
        return out;
    }

    private static void run(String... command) throws IOException, InterruptedException {
        output(command);
    }
}
