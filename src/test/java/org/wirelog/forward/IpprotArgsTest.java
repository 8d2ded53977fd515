package org.wirelog.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wirelog.config.LogSpec;
import org.wirelog.format.ipprot.Template;

class IpprotArgsTest {

    private static IpprotArgs.Run run(String... args) throws UsageException {
        return (IpprotArgs.Run) IpprotArgs.parse(List.of(args));
    }

    private static ForwardOptions options(String... args) throws UsageException {
        return run(args).options();
    }

    @Test
    void ipprotdsDefaults() throws UsageException {
        ForwardOptions o = options();
        assertThat(List.of(o.listenPort(), o.outHost(), o.outPort(), o.bufferSize())).containsExactly(8080, "localhost", 80, 300_000);
        assertThat(o.listenHost()).isNull();
        assertThat(o.recording()).isNull();
        assertThat(o.connectionLog()).isNull();
        assertThat(o.connectionLogFormat().toString()).isEqualTo(Template.DEFAULT);
        assertThat(o.allowed()).isEqualTo(AllowList.EVERYONE);
        assertThat(o.detach()).isFalse();
        assertThat(o.pidFile()).isNull();
    }

    @Test
    void thePagesFirstExample() throws UsageException {
        var r = run("-p", "5432", "-h", "127.0.0.1", "-P", "3333", "-l", "-f", "/var/log/conn_rec/prot", "-z",
                "-Dp", "/var/log/conn_rec/ipprot_pid_5432");
        ForwardOptions o = r.options();
        assertThat(List.of(o.listenPort(), o.outHost(), o.outPort())).containsExactly(5432, "127.0.0.1", 3333);
        assertThat(o.recording()).isEqualTo(new RecordingSettings(Path.of("/var/log/conn_rec/prot"), Recorded.BOTH, false, false,
                null, Compression.GZIP));
        assertThat(o.detach()).isTrue();
        assertThat(o.pidFile()).isEqualTo(Path.of("/var/log/conn_rec/ipprot_pid_5432"));
        assertThat(r.foregroundArgs()).containsExactly("-p", "5432", "-h", "127.0.0.1", "-P", "3333", "-l", "-f",
                "/var/log/conn_rec/prot", "-z", "--pid-file", "/var/log/conn_rec/ipprot_pid_5432");
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void thePagesSecondExample() throws UsageException {
        var r = run("-p", "7777@10.1.2.33", "-P", "5678@10.1.2.34", "-L", "-s", "-f", "/u01/prot", "-j", "-u",
                "/u01/send_ipprot", "-Dp", "/u01/pid_7777");
        ForwardOptions o = r.options();
        assertThat(List.of(o.listenPort(), o.listenHost(), o.outHost(), o.outPort())).containsExactly(7777, "10.1.2.33", "10.1.2.34", 5678);
        assertThat(o.recording()).isEqualTo(new RecordingSettings(Path.of("/u01/prot"), Recorded.FROM_ESTABLISHER, true, false,
                null, Compression.BZIP2));
        assertThat(o.postCommand()).isEqualTo(new PostCommand("/u01/send_ipprot", false));
        assertThat(r.foregroundArgs()).endsWith("-u", "/u01/send_ipprot", "--pid-file", "/u01/pid_7777");
    }

    @Test
    void valuesMayBeAttached() throws UsageException {
        ForwardOptions o = options("-p8081@::1", "-hexample.org", "-P81", "-b1024", "-f/tmp/p", "-t5", "-M", "-uT/bin/x",
                "-c/tmp/c.log", "-C%i", "-r127.0.0.1", "-Dp/tmp/pid");
        assertThat(List.of(o.listenPort(), o.listenHost(), o.outHost(), o.outPort(), o.bufferSize()))
                .containsExactly(8081, "::1", "example.org", 81, 1024);
        assertThat(o.recording()).isEqualTo(new RecordingSettings(Path.of("/tmp/p"), Recorded.TO_ESTABLISHER, false, true,
                Duration.ofSeconds(5), Compression.NONE));
        assertThat(o.postCommand()).isEqualTo(new PostCommand("/bin/x", true));
        assertThat(o.connectionLog()).isEqualTo(Path.of("/tmp/c.log"));
        assertThat(o.connectionLogFormat().toString()).isEqualTo("%i");
        assertThat(o.allowed().addresses()).containsExactly(InetAddress.ofLiteral("127.0.0.1"));
        assertThat(o.pidFile()).isEqualTo(Path.of("/tmp/pid"));
    }

    @Test
    void theHostOfUpperPWinsOverH() throws UsageException {
        assertThat(options("-P", "81@10.0.0.2", "-h", "10.0.0.1").outHost()).isEqualTo("10.0.0.2");
        assertThat(options("-h", "10.0.0.1", "-P", "81").outHost()).isEqualTo("10.0.0.1");
    }

    @Test
    void helpAndVersionWinOverEverythingElse() throws UsageException {
        assertThat(IpprotArgs.parse(List.of("-p", "1", "-?"))).isInstanceOf(IpprotArgs.Help.class);
        assertThat(IpprotArgs.parse(List.of("--help"))).isInstanceOf(IpprotArgs.Help.class);
        assertThat(IpprotArgs.parse(List.of("-v"))).isInstanceOf(IpprotArgs.Version.class);
    }

    @Test
    void theAllowListTakesThirtyAddressesAndNumbersThemAsRules() throws UsageException {
        List<String> args = new ArrayList<>();
        for (int i = 1; i <= 30; i++) args.addAll(List.of("-r", "10.0.0." + i));
        AllowList allowed = options(args.toArray(String[]::new)).allowed();
        assertThat(allowed.verdict(InetAddress.ofLiteral("10.0.0.7")).rule()).isEqualTo(7);
        assertThat(allowed.verdict(InetAddress.ofLiteral("10.0.0.99")).pass()).isFalse();
        args.addAll(List.of("-r", "10.0.0.31"));
        assertThatThrownBy(() -> options(args.toArray(String[]::new))).hasMessage("-r may be given at most 30 times, not 31");
    }

    @Test
    void optionsThatNeedAnotherAreAcceptedWithAWarning() throws UsageException {
        assertThat(run("-l", "-z", "-u", "x", "-C", "%i").warnings())
                .containsExactly("-l has no effect without -f", "-z has no effect without -f", "-u has no effect without -f",
                        "-C has no effect without -c");
        assertThat(options("-u", "x").postCommand()).isNull();
    }

    @Test
    void longOptions() throws UsageException {
        ForwardOptions o = options("--log-format=ipprot", "--log-output", "stdout", "--log-output=/tmp/d.log", "--pid-file", "/tmp/p");
        assertThat(o.logFormat()).isEqualTo(ForwardOptions.LogFormat.IPPROT);
        assertThat(o.logOutputs()).containsExactly(new LogSpec.Stdout(), new LogSpec.File(Path.of("/tmp/d.log")));
        assertThat(o.detach()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "-x|unknown option -x",
            "foo|unexpected argument foo",
            "-p|option -p needs a value",
            "-p 70000|-p needs a number from 0 to 65535, not \"70000\"",
            "-P 0|-P needs a number from 1 to 65535, not \"0\"",
            "-p 80@|-p ...@ needs a value",
            "-b 0|-b needs a number from 1 to 2147483647, not \"0\"",
            "-t -1|-t needs a number from 0 to 2147483647, not \"-1\"",
            "-f /p -l -L|use either -l (both directions) or -L (from the establisher only), not both",
            "-f /p -z -j|use either -z (gzip) or -j (bzip2), not both",
            "-r host.example|-r needs a client ip address, not \"host.example\"",
            "-C %q|-C: unknown expression %q in connection log format; known: %%, %n, %s, %e, %S, %D, %i, %c, %l, %p, %h, %P, %I, %O, %N, %f, %r",
            "--log-format xml|--log-format is dante, ipprot or json, not \"xml\"",
            "--log-output syslog|--log-output syslog: not supported yet",
            "--bogus|unknown option --bogus",
            "-lx|unknown option -lx"})
    void mistakesAreNamed(String args, String message) {
        assertThatThrownBy(() -> IpprotArgs.parse(List.of(args.split(" ")))).isInstanceOf(UsageException.class).hasMessage(message);
    }
}
