package org.wirelog.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wirelog.sys.SystemdNotify;
import org.wirelog.testing.Eventually;
import org.wirelog.testing.NotifySocket;
import org.wirelog.testing.SocksClient;
import org.wirelog.testing.TcpTargets;
import org.wirelog.testing.WirelogProcess;

/**
 * The Debian package as {@code packaging/build-deb.sh} makes it, installed by dpkg into a throwaway root
 * directory ({@code dpkg --root}), never onto this machine. The test phase comes before the shaded jar exists,
 * so the package is built from this build's classes (jarred here) and its runtime jars: the same script, image
 * and launcher as {@code ./mvnw -Pdist package}, with the application in several jars instead of one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DebianPackageTest {

    private static final Duration LIMIT = Duration.ofSeconds(120);
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Path JDK = Path.of(System.getProperty("java.home"));

    private Path work;
    private Path deb;
    /** The throwaway root the package is installed into. */
    private Path root;
    /** An environment without any JDK: PATH holds only the two programs the launcher calls. */
    private Map<String, String> noJdk;

    @BeforeAll
    void buildAndInstall() throws Exception {
        work = Files.createTempDirectory("wirelog-package");
        List<String> command = new ArrayList<>(List.of("packaging/build-deb.sh", applicationJar().toString()));
        command.addAll(Arrays.asList(Files.readString(Path.of("target/runtime-classpath.txt")).strip().split(":")));
        // Not compressed: xz takes minutes on the package's 60 MB on a busy machine; what is inside is the same.
        String built = run(Map.of("JAVA_HOME", JDK.toString(), "WIRELOG_DIST_DIR", work.resolve("out").toString(),
                "DEB_COMPRESSION", "none"), command);
        deb = Path.of(built.strip());
        root = installInto(work.resolve("root"));
        Path bin = Files.createDirectories(work.resolve("bin"));
        for (String program : List.of("dirname", "readlink")) Files.createSymbolicLink(bin.resolve(program), Path.of("/usr/bin", program));
        noJdk = Map.of("PATH", bin.toString(), "LANG", "C.UTF-8");
    }

    @AfterAll
    void removeEverything() throws IOException {
        if (work == null) return;
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void controlFields_nameTheVersionOfThePomAndTheConffiles() throws Exception {
        String pomVersion = pomVersion();
        assertThat(deb.getFileName().toString()).isEqualTo("wirelog_" + pomVersion.replace('-', '~') + "_amd64.deb");
        assertThat(run(Map.of(), List.of("dpkg-deb", "--field", deb.toString(), "Package", "Version", "Architecture", "Depends")))
                .isEqualTo("""
                        Package: wirelog
                        Version: %s
                        Architecture: amd64
                        Depends: libc6 (>= 2.34)
                        """.formatted(pomVersion.replace('-', '~')));
        assertThat(run(Map.of(), List.of("dpkg-deb", "--info", deb.toString(), "conffiles")).lines()).containsExactly(
                "/etc/wirelog/forward/example.conf", "/etc/wirelog/natlog.conf", "/etc/wirelog/sockd.conf");
        assertThat(run(Map.of(), List.of("dpkg-deb", "--info", deb.toString())))
                .contains(" Description: logs every connection it carries or watches\n");
    }

    @Test
    void contents_areTheRuntimeTheLauncherTheManPagesTheConfigsAndTheUnits() throws Exception {
        List<String> listing = run(Map.of(), List.of("dpkg-deb", "--contents", deb.toString())).lines().toList();
        assertThat(listing).allMatch(line -> line.contains(" root/root "));
        List<String> names = listing.stream().map(line -> line.substring(line.indexOf("./"))).toList();
        assertThat(names).contains(
                "./usr/bin/wirelog -> ../lib/wirelog/bin/wirelog",
                "./usr/lib/wirelog/bin/java",
                "./usr/lib/wirelog/bin/wirelog",
                "./usr/lib/wirelog/lib/modules",
                "./usr/lib/wirelog/app/wirelog.jar",
                "./usr/share/man/man1/wirelog.1.gz",
                "./usr/share/man/man8/wirelog-socks.8.gz",
                "./usr/share/man/man8/wirelog-forward.8.gz",
                "./usr/share/man/man8/wirelog-nat.8.gz",
                "./usr/share/man/man5/wirelog-sockd.conf.5.gz",
                "./usr/share/man/man5/wirelog-natlog.conf.5.gz",
                "./etc/wirelog/sockd.conf",
                "./etc/wirelog/natlog.conf",
                "./etc/wirelog/forward/example.conf",
                "./usr/lib/systemd/system/wirelog-socks.service",
                "./usr/lib/systemd/system/wirelog-forward@.service",
                "./usr/lib/systemd/system/wirelog-nat.service",
                "./usr/share/doc/wirelog/README.md");
        assertThat(listing).anyMatch(line -> line.startsWith("-rwxr-xr-x") && line.endsWith(" ./usr/lib/wirelog/bin/wirelog"));
        assertThat(listing).anyMatch(line -> line.startsWith("-rw-r--r--") && line.endsWith(" ./etc/wirelog/sockd.conf"));
    }

    @Test
    void dpkg_knowsTheInstalledFiles_removeKeepsTheConffiles_purgeTakesThem() throws Exception {
        assertThat(run(Map.of(), List.of("dpkg", "--root=" + root, "--status", "wirelog")))
                .contains("Status: install ok installed\n");
        assertThat(run(Map.of(), List.of("dpkg", "--root=" + root, "--listfiles", "wirelog")).lines())
                .contains("/usr/bin/wirelog", "/usr/lib/wirelog/bin/java", "/etc/wirelog/sockd.conf");

        Path other = installInto(work.resolve("root-removed"));
        run(Map.of(), List.of("dpkg", "--root=" + other, "--log=/dev/null", "--remove", "wirelog"));
        assertThat(other.resolve("usr/lib/wirelog")).doesNotExist();
        assertThat(other.resolve("usr/bin/wirelog")).doesNotExist();
        assertThat(other.resolve("etc/wirelog/sockd.conf")).exists();
        assertThat(run(Map.of(), List.of("dpkg", "--root=" + other, "--status", "wirelog")))
                .contains("Status: deinstall ok config-files\n");
        run(Map.of(), List.of("dpkg", "--root=" + other, "--log=/dev/null", "--purge", "wirelog"));
        assertThat(other.resolve("etc/wirelog")).doesNotExist();
    }

    @Test
    void installedWirelog_runsFromItsOwnRuntime_withNoJdkOnThePath() throws Exception {
        Path wirelog = root.resolve("usr/bin/wirelog");
        assertThat(run(noJdk, List.of(wirelog.toString(), "--help"))).startsWith("Usage: wirelog [-hV] [COMMAND]\n")
                .contains("  socks    Dante-compatible SOCKS 4/4a/5 server");
        assertThat(run(noJdk, List.of(wirelog.toString(), "socks", "-v")))
                .startsWith("wirelog v").contains("(Java " + Runtime.version().feature() + ".");
        assertThat(run(noJdk, List.of(root.resolve("usr/lib/wirelog/bin/java").toString(), "--list-modules")).lines()
                .map(module -> module.replaceFirst("@.*", "")))
                .containsExactlyInAnyOrder("java.base", "java.logging", "java.management", "java.sql",
                        "java.transaction.xa", "java.xml", "jdk.unsupported");
    }

    @ParameterizedTest
    @ValueSource(strings = {"man1/wirelog.1.gz", "man8/wirelog-socks.8.gz", "man8/wirelog-forward.8.gz",
            "man8/wirelog-nat.8.gz", "man5/wirelog-sockd.conf.5.gz", "man5/wirelog-natlog.conf.5.gz"})
    void manPage_rendersWithoutWarnings(String page) throws Exception {
        Path file = root.resolve("usr/share/man").resolve(page);
        Ran man = execute(Map.of(), List.of("man", "--warnings", "-l", file.toString()));
        assertThat(man.err()).isEmpty();
        assertThat(man.exit()).isZero();
        String name = file.getFileName().toString().replaceFirst("\\.[158]\\.gz$", "");
        assertThat(man.out()).containsPattern("NAME\n {7}" + java.util.regex.Pattern.quote(name) + " +- ").contains("\nSEE ALSO\n");
    }

    /**
     * systemd's own check of the units as installed: every key known, every dependency there, ExecStart's program
     * executable (the installed one: the one path changed), the man pages of Documentation= found (the installed
     * ones, by MANPATH). The template is checked as its example instance.
     */
    @Test
    void units_passSystemdAnalyzeVerify() throws Exception {
        Path units = Files.createDirectories(work.resolve("units"));
        List<String> command = new ArrayList<>(List.of("systemd-analyze", "verify"));
        try (Stream<Path> installed = Files.list(root.resolve("usr/lib/systemd/system"))) {
            for (Path unit : installed.sorted().toList()) {
                String name = unit.getFileName().toString().replace("@.service", "@example.service");
                Path copy = units.resolve(name);
                Files.writeString(copy, replaceEach(Files.readString(unit), "ExecStart=/usr/bin/wirelog ",
                        "ExecStart=" + root.resolve("usr/bin/wirelog") + " "));
                command.add(copy.toString());
            }
        }
        assertThat(command).hasSize(5);
        Ran verify = execute(Map.of("MANPATH", root.resolve("usr/share/man").toString()), command);
        assertThat(verify.err() + verify.out()).isEmpty();
        assertThat(verify.exit()).isZero();
    }

    /**
     * The socks unit's ExecStart, run in the foreground as systemd would (no JDK on the PATH), with the installed
     * example config on a free port and its log directory here: it serves a SOCKS client on loopback, logs the
     * session as Dante would, and ExecReload's SIGHUP makes it re-read the config.
     */
    @Test
    void socksUnit_execStartServesASocksSession_andExecReloadRereadsTheConfig() throws Exception {
        Path unit = root.resolve("usr/lib/systemd/system/wirelog-socks.service");
        assertThat(setting(unit, "ExecStart")).isEqualTo("/usr/bin/wirelog socks -f /etc/wirelog/sockd.conf");
        assertThat(setting(unit, "ExecReload")).isEqualTo("/bin/kill -HUP $MAINPID");
        int port = TcpTargets.freePort(LOOPBACK);
        Path logs = Files.createDirectories(work.resolve("logs-socks"));
        Path config = work.resolve("sockd.conf");
        Files.writeString(config, replaceEach(Files.readString(root.resolve("etc/wirelog/sockd.conf")),
                "port = 1080", "port = " + port, "/var/log/wirelog/socks/", logs + "/"));

        List<String> command = installed(setting(unit, "ExecStart").replace("/etc/wirelog/sockd.conf", config.toString()));
        assertThat(setting(unit, "Type")).isEqualTo("notify");
        Map<String, String> environment = new HashMap<>(noJdk);
        try (NotifySocket systemd = NotifySocket.bind(work.resolve("notify").toString(), LIMIT);
             TcpTargets targets = new TcpTargets()) {
            environment.put(SystemdNotify.SOCKET_ENV, systemd.name());
            try (WirelogProcess socks = WirelogProcess.startCommand(command, environment)) {
                serveAndReload(unit, socks, port, logs.resolve("socks.log"), targets);
                assertThat(systemd.received(LIMIT)).isEqualTo("READY=1\nMAINPID=" + socks.pid() + "\n");
            }
        }
    }

    /** A SOCKS session through the running server, ExecReload, SIGTERM: and what each writes in the log. */
    private void serveAndReload(Path unit, WirelogProcess socks, int port, Path log, TcpTargets targets) throws Exception {
        assertThat(ProcessHandle.of(socks.pid()).flatMap(p -> p.info().command()))
                .hasValue(root.resolve("usr/lib/wirelog/bin/java").toString());
        int echo = targets.echo(LOOPBACK);
        var served = SocksClient.via(new InetSocketAddress(LOOPBACK, port)).target("127.0.0.1", echo)
                .payload("hello, wirelog\n".getBytes(StandardCharsets.US_ASCII)).run();
        assertThat(served.succeeded()).isTrue();
        assertThat(served.received()).isEqualTo(15);
        Eventually.await("the session's last line", LIMIT, () -> Eventually.linesSoFar(log).stream()
                .anyMatch(l -> l.contains("tcp/accept ]:")));

        String reload = setting(unit, "ExecReload").replace("$MAINPID", Long.toString(socks.pid()));
        run(Map.of(), Arrays.asList(reload.split(" ")));
        Eventually.await("the reload's line", LIMIT, () -> Eventually.linesSoFar(log).stream()
                .anyMatch(l -> l.endsWith(": info: sighup(): configuration re-read")));
        assertThat(socks.stop()).isZero();

        List<String> lines = Files.readAllLines(log);
        assertThat(lines).anyMatch(l -> l.matches(".* wirelog\\[" + socks.pid() + "]: info: pass\\(1\\): tcp/connect \\]: 15 -> "
                + "127\\.0\\.0\\.1\\.\\d+ 127\\.0\\.0\\.1\\." + port + " -> 15, 15 -> 127\\.0\\.0\\.1\\.\\d+ 127\\.0\\.0\\.1\\." + echo
                + " -> 15: local client closed\\.  Session duration: \\d+s"));
        assertThat(lines.getLast()).endsWith(": alert: mother[1/1]: shutting down");
        // errorlog: stderr (the journal, under systemd) gets the warnings and worse: here the alert of the end only.
        assertThat(socks.stderr().lines()).singleElement().asString().endsWith(": alert: mother[1/1]: shutting down");
    }

    /** The forward template's ExecStart with the example instance's OPTIONS (split at blanks, as systemd's $OPTIONS). */
    @Test
    void forwardUnit_execStartWithTheExampleOptionsForwardsAndLogsTheConnection() throws Exception {
        Path unit = root.resolve("usr/lib/systemd/system/wirelog-forward@.service");
        assertThat(setting(unit, "EnvironmentFile")).isEqualTo("/etc/wirelog/forward/%i.conf");
        assertThat(setting(unit, "ExecStart")).isEqualTo("/usr/bin/wirelog forward $OPTIONS");
        assertThat(setting(unit, "Type")).isEqualTo("notify");
        String options = Files.readAllLines(root.resolve("etc/wirelog/forward/example.conf")).stream()
                .filter(l -> l.startsWith("OPTIONS=")).findFirst().orElseThrow()
                .replaceFirst("^OPTIONS=\"(.*)\"$", "$1");
        Path logs = Files.createDirectories(work.resolve("logs-forward"));
        try (TcpTargets targets = new TcpTargets()) {
            int echo = targets.echo(LOOPBACK);
            int port = TcpTargets.freePort(LOOPBACK);
            String here = replaceEach(options, "-p 8080@", "-p " + port + "@", "-P 80", "-P " + echo,
                    "/var/log/wirelog/forward-example/", logs + "/");
            List<String> command = installed(setting(unit, "ExecStart").replace("$OPTIONS", here));
            try (WirelogProcess forward = WirelogProcess.startCommand(command, noJdk)) {
                try (var socket = new java.net.Socket(LOOPBACK, port)) {
                    socket.getOutputStream().write("ping\n".getBytes(StandardCharsets.US_ASCII));
                    socket.shutdownOutput();
                    assertThat(socket.getInputStream().readAllBytes()).asString().isEqualTo("ping\n");
                }
                Path log = logs.resolve("connections.log");
                Eventually.await("the connection's entry", LIMIT, () -> !Eventually.linesSoFar(log).isEmpty());
                assertThat(Files.readAllLines(log)).singleElement().asString().matches(".* - .*: 127\\.0\\.0\\.1\\.\\d+ -> "
                        + "127\\.0\\.0\\.1\\." + port + " -> 127\\.0\\.0\\.1\\." + echo + ": 5 bytes in, 5 bytes out, \\d+ secs: .*");
                assertThat(forward.stop()).isZero();
            }
        }
    }

    /** The nat unit's ExecStart with the installed config, asked (-V -V) for the configuration it would run with. */
    @Test
    void natUnit_execStartReadsTheInstalledConfig() throws Exception {
        Path unit = root.resolve("usr/lib/systemd/system/wirelog-nat.service");
        String execStart = setting(unit, "ExecStart");
        assertThat(execStart).isEqualTo("/usr/bin/wirelog nat --no-daemon -c /etc/wirelog/natlog.conf conntrack");
        assertThat(setting(unit, "Type")).isEqualTo("notify");
        // Only the checking options are added: -V -V shows the configuration and ends; to stdout, not to syslog.
        List<String> command = installed(execStart.replace(" nat ", " nat -V -V --log off --stdout ")
                .replace("/etc/wirelog/natlog.conf", root.resolve("etc/wirelog/natlog.conf").toString()));
        String out = run(noJdk, command);
        // "protocol: all" in the installed file: natlog's default is tcp only.
        assertThat(out.lines()).contains("CONNTRACK mode", "config file:             " + root.resolve("etc/wirelog/natlog.conf"),
                "daemon:                  false", "protocol(s):             icmp or udp or tcp", "time type:               raw");
    }

    /** A unit's setting, as systemd reads it: the value of its one line {@code NAME=...}. */
    private static String setting(Path unit, String name) throws IOException {
        List<String> values = Files.readAllLines(unit).stream().filter(l -> l.startsWith(name + "="))
                .map(l -> l.substring(name.length() + 1)).toList();
        assertThat(values).as(name + " in " + unit).hasSize(1);
        return values.getFirst();
    }

    /** A unit's command line with the installed wirelog in the throwaway root. */
    private List<String> installed(String commandLine) {
        List<String> words = new ArrayList<>(Arrays.asList(commandLine.split(" ")));
        assertThat(words.getFirst()).isEqualTo("/usr/bin/wirelog");
        words.set(0, root.resolve("usr/bin/wirelog").toString());
        return words;
    }

    /** Replaces each text given by the one after it, failing when a text is not there (so no change goes unnoticed). */
    private static String replaceEach(String text, String... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            assertThat(text).contains(pairs[i]);
            text = text.replace(pairs[i], pairs[i + 1]);
        }
        return text;
    }

    private Path installInto(Path into) throws IOException, InterruptedException {
        Files.createDirectories(into.resolve("var/lib/dpkg/info"));
        Files.createDirectories(into.resolve("var/lib/dpkg/updates"));
        Files.writeString(into.resolve("var/lib/dpkg/status"), "");
        // --force-depends: the throwaway root has no libc6 package; the machine's libc is what runs the image.
        // --path-include: a minimal image's dpkg.cfg.d may exclude /usr/share/man and /usr/share/doc.
        run(Map.of(), List.of("dpkg", "--root=" + into, "--log=/dev/null", "--force-depends", "--path-include=/*",
                "--install", deb.toString()));
        return into;
    }

    private Path applicationJar() throws IOException, InterruptedException {
        Path jar = work.resolve("wirelog.jar");
        run(Map.of(), List.of(JDK.resolve("bin/jar").toString(), "--create", "--file", jar.toString(), "-C", "target/classes", "."));
        return jar;
    }

    private static String pomVersion() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        int artifact = pom.indexOf("<artifactId>wirelog</artifactId>");
        int from = pom.indexOf("<version>", artifact) + "<version>".length();
        return pom.substring(from, pom.indexOf("</version>", from));
    }

    /** Runs a command to its end; returns its stdout, failing with its stderr unless it exits 0. */
    private static String run(Map<String, String> environment, List<String> command) throws IOException, InterruptedException {
        Ran ran = execute(environment, command);
        assertThat(ran.exit()).as(String.join(" ", command) + ": " + ran.err() + ran.out()).isZero();
        return ran.out();
    }

    private record Ran(int exit, String out, String err) {
    }

    /** @param environment added to this process's environment, or (when it has PATH) the whole environment */
    private static Ran execute(Map<String, String> environment, List<String> command) throws IOException, InterruptedException {
        Path err = Files.createTempFile("wirelog-package", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            if (environment.containsKey("PATH")) builder.environment().clear();
            builder.environment().putAll(environment);
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within " + LIMIT);
            }
            return new Ran(process.exitValue(), out, Files.readString(err));
        } finally {
            Files.delete(err);
        }
    }
}
