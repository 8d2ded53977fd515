package org.wirelog.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wirelog.model.Command;
import org.wirelog.model.Endpoint;
import org.wirelog.model.Level;
import org.wirelog.rules.AuthMethod;
import org.wirelog.rules.HostMatch;
import org.wirelog.rules.LogKeyword;
import org.wirelog.rules.PortMatch;
import org.wirelog.rules.ProxyProtocol;
import org.wirelog.rules.Route;
import org.wirelog.rules.Rule;
import org.wirelog.rules.RuleAddress;

/**
 * The sockd.conf files real Dante 1.4.2 ran with in the reference corpus (copied from
 * shared/reference/dante/corpus into src/test/resources/org/wirelog/config/corpus).
 */
class SockdConfCorpusTest {

    /** config-error.conf must fail. */
    private static final Set<String> NOT_PARSED = Set.of("config-error.conf");

    private static final RuleAddress ANY = RuleAddress.ANY;

    static Path corpus() throws URISyntaxException {
        return Path.of(Objects.requireNonNull(SockdConfCorpusTest.class.getResource("corpus")).toURI());
    }

    static Stream<Path> parsedCorpus() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(corpus())) {
            return files.filter(f -> f.toString().endsWith(".conf"))
                    .filter(f -> !NOT_PARSED.contains(f.getFileName().toString()))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    static SocksConfig parse(String name) throws Exception {
        return SockdConf.parse(corpus().resolve(name), warning -> {
        });
    }

    @ParameterizedTest
    @MethodSource("parsedCorpus")
    void everyCorpusConfigParses(Path file) throws Exception {
        SocksConfig config = SockdConf.parse(file, warning -> {
        });

        assertThat(config.source()).isEqualTo(file);
        assertThat(config.internals()).hasSize(1);
        assertThat(config.externals()).hasSize(1);
        assertThat(config.rules().clientRules()).isNotEmpty();
        assertThat(config.rules().socksRules()).isNotEmpty();
    }

    @Test
    void theCorpusHasAllItsConfigs() throws Exception {
        assertThat(parsedCorpus()).hasSize(47);
    }

    @Test
    void ruleNumbersAreOrdinalsPerKindAndLinesAreWhereRulesStart() throws Exception {
        SocksConfig config = parse("rule-numbering.conf");

        assertThat(config.rules().clientRules()).extracting(Rule::number, Rule::line, Rule::pass)
                .containsExactly(tuple(1, 13, false), tuple(2, 14, true));
        assertThat(config.rules().socksRules()).extracting(Rule::number, Rule::line, Rule::pass)
                .containsExactly(tuple(1, 19, false), tuple(2, 20, false), tuple(3, 21, false), tuple(4, 25, true));
        Rule third = config.rules().socksRules().get(2);
        assertThat(third.to()).isEqualTo(new RuleAddress(cidr("127.0.0.1", 32), PortMatch.of("eq", 10899)));
        assertThat(third.kind()).isEqualTo(Rule.Kind.SOCKS);
    }

    @Test
    void typicalConfigReadsEverySetting() throws Exception {
        SocksConfig config = parse("connect-pass.conf");

        assertThat(config.logOutputs()).containsExactly(new LogSpec.File(corpus().resolve("connect-pass.log")));
        assertThat(config.errorLogs()).isEmpty();
        assertThat(config.internals()).containsExactly(new Listen("127.0.0.1", 10800));
        assertThat(config.externals()).containsExactly(new Listen("127.0.0.1", 0));
        assertThat(config.socksMethods()).containsExactly(AuthMethod.NONE);
        assertThat(config.clientMethods()).containsExactly(AuthMethod.NONE);
        assertThat(config.privileged()).isEqualTo("root");
        assertThat(config.unprivileged()).isEqualTo("nobody");
        assertThat(config.debug()).isZero();
        assertThat(config.timeouts()).isEqualTo(Timeouts.DEFAULT);

        Set<LogKeyword> log = Set.of(LogKeyword.CONNECT, LogKeyword.DISCONNECT, LogKeyword.ERROR, LogKeyword.IOOP);
        Rule client = config.rules().clientRules().getFirst();
        assertThat(client).isEqualTo(new Rule(Rule.Kind.CLIENT, 1, 8, true,
                new RuleAddress(cidr("127.0.0.1", 32), PortMatch.ANY), new RuleAddress(cidr("0.0.0.0", 0), PortMatch.ANY),
                Set.of(), Set.of(), Set.of(), Set.of(), log));
        Rule socks = config.rules().socksRules().getFirst();
        assertThat(socks).isEqualTo(new Rule(Rule.Kind.SOCKS, 1, 9, true, client.from(), client.to(),
                Set.of(), Set.of(), Set.of(), Set.of(), log));
        assertThat(socks.to()).isEqualTo(ANY);
    }

    @Test
    void ipv6() throws Exception {
        SocksConfig config = parse("ipv6.conf");

        assertThat(config.internals()).containsExactly(new Listen("::1", 10800));
        assertThat(config.externals()).containsExactly(new Listen("::1", 0));
        Rule client = config.rules().clientRules().getFirst();
        assertThat(client.from().host()).isEqualTo(cidr("::1", 128));
        assertThat(client.to().host()).isEqualTo(cidr("0.0.0.0", 0));
    }

    @Test
    void configErrorFailsLikeDante() throws Exception {
        Path file = corpus().resolve("config-error.conf");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> SockdConf.parse(file, w -> {
        }));

        assertThat(e).hasMessageContaining("problem on line 9 near token \"bogus\"");
        assertThat(e.getMessage()).startsWith(file + ": problem on line 9 near token \"bogus\": syntax error")
                .endsWith(".  Please see the Dante manual for more information");
        assertThat(e.line()).isEqualTo(9);
        assertThat(e.token()).isEqualTo("bogus");
        assertThat(e.file()).isEqualTo(file);
    }

    @Test
    void chainingRoute() throws Exception {
        SocksConfig config = parse("chaining.conf");

        assertThat(config.routes()).containsExactly(new Route(1, 10, ANY, ANY,
                Endpoint.of(InetAddress.ofLiteral("127.0.0.1"), 10801), Set.of(ProxyProtocol.SOCKS_V5),
                Set.of(Command.CONNECT)));
    }

    @Test
    void errorlogResolvesAgainstTheConfigDirectoryAndWarningErrorIsRead() throws Exception {
        Path file = corpus().resolve("errorlog.conf");
        List<String> warnings = new ArrayList<>();

        SocksConfig config = SockdConf.parse(file, warnings::add);

        assertThat(config.errorLogs()).containsExactly(new LogSpec.File(corpus().resolve("errorlog.errorlog")));
        assertThat(warnings).isEmpty();
        assertThat(config.errorLogging().triggers()).containsExactly(new ErrorLogging.Trigger(ErrorLogging.Side.EXTERNAL,
                Level.WARNING, Set.of("ECONNREFUSED", "dns-any")));
    }

    @Test
    void timeouts() throws Exception {
        assertThat(parse("connect-timeout.conf").timeouts()).isEqualTo(Timeouts.DEFAULT.withConnect(seconds(2)));
        assertThat(parse("io-timeout.conf").timeouts()).isEqualTo(Timeouts.DEFAULT.withIo(seconds(2), seconds(2)));
        assertThat(parse("negotiate-errors.conf").timeouts()).isEqualTo(Timeouts.DEFAULT.withNegotiate(seconds(2)));
    }

    @Test
    void debugLevelsAndOutputs() throws Exception {
        assertThat(parse("debug1.conf").debug()).isEqualTo(1);
        assertThat(parse("debug2.conf").debug()).isEqualTo(2);
        assertThat(parse("logoutput-stdout.conf").logOutputs()).containsExactly(new LogSpec.Stdout());
        assertThat(parse("socks5-username.conf").socksMethods()).containsExactly(AuthMethod.USERNAME);
    }

    @Test
    void multiLineRulesWithCommands() throws Exception {
        List<Rule> rules = parse("bind-pass.conf").rules().socksRules();

        assertThat(rules).extracting(Rule::number, Rule::line, Rule::commands)
                .containsExactly(tuple(1, 9, Set.of(Command.BINDREPLY)), tuple(2, 13, Set.of(Command.BIND)));
        assertThat(rules.getFirst().from().host()).isEqualTo(cidr("127.0.0.2", 32));
        assertThat(parse("udp-reply-blocked.conf").rules().socksRules().getFirst().commands())
                .containsExactly(Command.UDPREPLY);
    }

    @Test
    void logKeywordsPerRule() throws Exception {
        assertThat(parse("logkw-split.conf").rules().socksRules()).extracting(Rule::log)
                .containsOnly(Set.of(LogKeyword.DISCONNECT));
        assertThat(parse("logkw-split.conf").rules().clientRules()).extracting(Rule::log)
                .containsOnly(Set.of(LogKeyword.CONNECT));
        assertThat(parse("log-data.conf").rules().socksRules().getFirst().log())
                .containsExactlyInAnyOrder(LogKeyword.CONNECT, LogKeyword.DISCONNECT, LogKeyword.DATA);
        assertThat(parse("log-tcpinfo.conf").rules().socksRules().getFirst().log())
                .containsExactlyInAnyOrder(LogKeyword.CONNECT, LogKeyword.DISCONNECT, LogKeyword.TCPINFO);
        assertThat(parse("logkw-ioop.conf").rules().socksRules().getFirst().to().port())
                .isEqualTo(PortMatch.of("eq", 10899));
    }

    private static HostMatch cidr(String address, int prefix) {
        return new HostMatch.Cidr(InetAddress.ofLiteral(address), prefix);
    }

    private static Duration seconds(long n) {
        return Duration.ofSeconds(n);
    }
}
