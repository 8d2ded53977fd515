package org.wirelog.socks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Authenticator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wirelog.testing.IdentResponder;
import org.wirelog.testing.PamService;
import org.wirelog.testing.RawClient;
import org.wirelog.testing.SocksClient;
import org.wirelog.testing.SystemUser;
import org.wirelog.testing.TcpTargets;

/**
 * The authentication methods against real system users, real PAM (pam_unix), and an ident server of the test's
 * own: who gets in, how the user shows in the log, and the one line each failed login leaves.
 */
class AuthenticationTest {

    private static final String USER = "wlauth3";
    private static final String PASSWORD = "Right-pass3";
    private static final InetAddress LOOPBACK = InetAddress.ofLiteral("127.0.0.1");

    private static SystemUser user;
    private static TcpTargets targets;
    private static int echo;

    @TempDir
    java.nio.file.Path dir;

    private RunningServer server;

    @BeforeAll
    static void createUser() throws Exception {
        user = SystemUser.create(USER, PASSWORD);
        targets = new TcpTargets();
        echo = targets.echo(LOOPBACK);
    }

    @AfterAll
    static void removeUser() throws Exception {
        user.close();
        targets.close();
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    private void start(String settings) throws Exception {
        server = RunningServer.start(RunningServer.config(settings,
                "client pass { from: 127.0.0.0/8 to: 0.0.0.0/0 log: connect disconnect error }",
                "socks pass { from: 127.0.0.0/8 to: 0.0.0.0/0 log: connect disconnect error ioop }"), dir);
    }

    private SocksClient client() {
        return SocksClient.via(server.address()).target("127.0.0.1", echo);
    }

    @Test
    void usernameLoginShowsTheUserOnTheConnectLinesOnly() throws Exception {
        start("socksmethod: username");
        assertThat(client().login(USER, PASSWORD).run().received()).isEqualTo(4);
        server.awaitLine("tcp/accept ]:");
        List<String> lines = server.lines();
        assertThat(lines).filteredOn(l -> l.contains("tcp/connect")).hasSize(5)
                .allMatch(l -> l.contains("username%" + USER + "@127.0.0.1."));
        assertThat(lines).filteredOn(l -> l.contains("tcp/accept")).hasSize(2).noneMatch(l -> l.contains("%"));
    }

    @Test
    void aFailedLoginIsOneLineWithAddressAndUserAndTheServerGoesOn() throws Exception {
        start("socksmethod: username");
        assertThat(client().login(USER, "wrong").run().reply()).isEqualTo(SocksClient.LOGIN_FAILED);
        assertThat(client().login("nosuchuser3", "whatever").run().reply()).isEqualTo(SocksClient.LOGIN_FAILED);
        assertThat(client().login(USER, PASSWORD).run().received()).isEqualTo(4);
        server.awaitLine("username%");
        List<String> failures = server.lines().stream().filter(l -> l.contains("authentication failed")).toList();
        int port = server.address().getPort();
        // 3 bytes of method offer, then RFC 1929: 1 + 1 + name + 1 + password.
        assertThat(failures).hasSize(2);
        assertThat(failures.get(0)).matches("block\\(1\\): tcp/accept \\]: 127\\.0\\.0\\.1\\.\\d+ 127\\.0\\.0\\.1\\." + port
                + ": error after reading 18 bytes in 0 seconds: system password authentication failed for user \"wlauth3\"");
        assertThat(failures.get(1)).endsWith(": error after reading 25 bytes in 0 seconds: "
                + "system password authentication failed for user \"nosuchuser3\"");
    }

    @Test
    void aUserNameCannotForgeLogLines() throws Exception {
        start("socksmethod: username");
        client().login("evil\nblock(9): tcp/accept ]: 10.0.0.1.1 10.0.0.2.2", "x").run();
        String line = server.awaitLine("authentication failed");
        assertThat(line).endsWith("failed for user \"evil\\nblock(9): tcp/accept ]: 10.0.0.1.1 10.0.0.2.2\"");
        assertThat(server.rawLines()).noneMatch(l -> l.startsWith("block(9)"));
    }

    @Test
    void offeringNoAcceptableMethodIsRefused() throws Exception {
        start("socksmethod: username");
        assertThat(client().run().reply()).isEqualTo(0xff);
        assertThat(server.awaitLine("authentication method")).endsWith(
                ": error after reading 3 bytes in 0 seconds: client offered no acceptable authentication method");
        // SOCKS4 cannot do username/password at all.
        assertThat(RawClient.exchange(server.address(), "040100" + "07" + "7f000001" + "00", Duration.ofSeconds(2)).hex())
                .isEqualTo("005b000000000000");
    }

    @Test
    void jdkSocksClientLogsInWithItsAuthenticator() throws Exception {
        start("socksmethod: username");
        Authenticator.setDefault(new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(USER, PASSWORD.toCharArray());
            }
        });
        try (Socket socket = new Socket(new Proxy(Proxy.Type.SOCKS, server.address()))) {
            socket.connect(new InetSocketAddress(LOOPBACK, echo), 5000);
            OutputStream out = socket.getOutputStream();
            out.write("hello".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            assertThat(new String(in.readNBytes(5), StandardCharsets.US_ASCII)).isEqualTo("hello");
        } finally {
            Authenticator.setDefault(null);
        }
        assertThat(server.awaitLine("tcp/connect [:")).contains("username%" + USER + "@127.0.0.1.");
    }

    @Test
    void userRulesMatchTheAuthenticatedUser() throws Exception {
        server = RunningServer.start(RunningServer.config("socksmethod: username none",
                "client pass { from: 127.0.0.0/8 to: 0.0.0.0/0 log: connect disconnect }",
                "socks pass { from: 127.0.0.0/8 to: 0.0.0.0/0\nuser: " + USER + "\nlog: connect disconnect\n}\n"
                        + "socks block { from: 0.0.0.0/0 to: 0.0.0.0/0\nlog: connect disconnect\n}"), dir);
        assertThat(client().login(USER, PASSWORD).run().received()).isEqualTo(4);
        assertThat(client().run().reply()).isEqualTo(2);
        server.awaitLine("block(2): tcp/connect ]:");
        assertThat(server.lines()).anyMatch(l -> l.startsWith("pass(1): tcp/connect [: username%" + USER + "@"));
    }

    /** {@code group:} matches the authenticated user's primary group and its supplementary groups (getgrouplist). */
    @Test
    void groupRulesMatchTheUsersGroups() throws Exception {
        String extra = "wlgroup3";
        run("groupadd", extra);
        try {
            run("usermod", "-a", "-G", extra, USER);
            for (String group : new String[] {USER, extra}) {
                server = RunningServer.start(RunningServer.config("socksmethod: username",
                        "client pass { from: 127.0.0.0/8 to: 0.0.0.0/0 log: connect disconnect }",
                        "socks pass { from: 127.0.0.0/8 to: 0.0.0.0/0\ngroup: root " + group + "\nlog: connect disconnect\n}\n"
                                + "socks block { from: 0.0.0.0/0 to: 0.0.0.0/0\nlog: connect disconnect\n}"), dir);
                assertThat(client().login(USER, PASSWORD).run().received()).as("group " + group).isEqualTo(4);
                server.close();
            }
            server = RunningServer.start(RunningServer.config("socksmethod: username",
                    "client pass { from: 127.0.0.0/8 to: 0.0.0.0/0 log: connect disconnect }",
                    "socks pass { from: 127.0.0.0/8 to: 0.0.0.0/0\ngroup: root\nlog: connect disconnect\n}\n"
                            + "socks block { from: 0.0.0.0/0 to: 0.0.0.0/0\nlog: connect disconnect\n}"), dir);
            assertThat(client().login(USER, PASSWORD).run().reply()).isEqualTo(2);
            assertThat(server.awaitLine("tcp/connect ]:")).contains(": block(2): tcp/connect ]: username%" + USER + "@127.0.0.1.");
        } finally {
            run("groupdel", extra);
        }
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
    }

    @Test
    void pamUsernameChecksThroughTheService() throws Exception {
        try (PamService pam = PamService.create("wirelog-test3-unix", "auth required pam_unix.so", "account required pam_unix.so")) {
            start("socksmethod: pam.username\npamservicename: " + pam.name());
            assertThat(client().login(USER, PASSWORD).run().received()).isEqualTo(4);
            assertThat(client().login(USER, "wrong").run().reply()).isEqualTo(SocksClient.LOGIN_FAILED);
            // pam_unix makes a wrong password wait about two seconds.
            assertThat(server.awaitLine("authentication failed")).matches(
                    ".*: error after reading 18 bytes in \\d seconds?: pam.username authentication failed for user \"wlauth3\": "
                            + "Authentication failure");
            assertThat(server.lines()).anyMatch(l -> l.startsWith("pass(1): tcp/connect [: pam.username%" + USER + "@127.0.0.1."));
        }
    }

    @Test
    void pamAddressAsksTheServiceAboutTheAddressOnly() throws Exception {
        try (PamService permit = PamService.create("wirelog-test3-permit", "auth required pam_permit.so", "account required pam_permit.so");
             PamService deny = PamService.create("wirelog-test3-deny", "auth required pam_deny.so", "account required pam_deny.so")) {
            start("socksmethod: pam.address\npamservicename: " + permit.name());
            assertThat(client().run().received()).isEqualTo(4);
            assertThat(server.awaitLine("tcp/connect [:")).doesNotContain("%");
            server.close();
            start("socksmethod: pam.address\npamservicename: " + deny.name());
            client().run();
            assertThat(server.awaitLine("authentication failed")).endsWith(
                    "error after reading 3 bytes in 0 seconds: pam.address authentication failed for client 127.0.0.1: "
                            + "Authentication failure");
        }
    }

    @Test
    void rfc931AsksTheClientsIdentServer() throws Exception {
        start("socksmethod: rfc931");
        try (IdentResponder ident = IdentResponder.answering(USER)) {
            assertThat(client().run().received()).isEqualTo(4);
            String connect = server.awaitLine("tcp/connect [:");
            assertThat(connect).contains("rfc931%" + USER + "@127.0.0.1.");
            int clientPort = Integer.parseInt(connect.replaceAll(".*rfc931%" + USER + "@127\\.0\\.0\\.1\\.(\\d+) .*", "$1"));
            assertThat(ident.queries()).containsExactly(clientPort + " , " + server.address().getPort());
        }
    }

    @Test
    void rfc931FailuresAreLoggedAndRefused() throws Exception {
        start("socksmethod: rfc931\ntimeout.negotiate: 2");
        try (IdentResponder ident = IdentResponder.failing("NO-USER")) {
            assertThat(client().run().succeeded()).isFalse();
            assertThat(server.awaitLine("authentication failed")).endsWith(": ident server says NO-USER");
        }
        try (IdentResponder ident = IdentResponder.answering("nosuchuser3")) {
            assertThat(client().run().succeeded()).isFalse();
            assertThat(server.awaitLine("system password file")).contains(
                    "rfc931 authentication failed for user \"nosuchuser3\": client 127.0.0.1.");
        }
        try (IdentResponder ident = IdentResponder.silent()) {
            long start = System.nanoTime();
            assertThat(client().run().succeeded()).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(server.awaitLine("within")).endsWith(": no answer from the ident server within 1000 ms");
        }
        // No ident server at all.
        assertThat(client().run().succeeded()).isFalse();
        assertThat(server.awaitLine("ident query")).endsWith(": ident query to 127.0.0.1.113 failed: Connection refused");
        // And those who answer get in.
        try (IdentResponder ident = IdentResponder.answering(USER)) {
            assertThat(client().run().received()).isEqualTo(4);
        }
    }
}
