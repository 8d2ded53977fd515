package org.wirelog.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wirelog.model.Command;
import org.wirelog.model.Protocol;
import org.wirelog.rules.AuthMethod;
import org.wirelog.rules.HostMatch;
import org.wirelog.rules.LogKeyword;
import org.wirelog.rules.PortMatch;
import org.wirelog.rules.Rule;
import org.wirelog.rules.RuleAddress;

/**
 * Writes random but valid rule blocks from fixed seeds, in varying layouts (one line or many, colons glued or spaced,
 * comments, blank lines), and checks that parsing gives back exactly the rules that were written.
 */
class RandomRuleRoundTripTest {

    private static final int RULES_PER_CONFIG = 12;

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 40);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void parsingGivesBackTheRulesThatWereWritten(long seed) throws ConfigException {
        Writer writer = new Writer(new Random(seed));
        writer.line("internal: 127.0.0.1 port = 1080");
        for (int i = 0; i < RULES_PER_CONFIG; i++) writer.rule();

        SocksConfig config = SockdConf.parse(writer.text(), Path.of("/random.conf"), warning -> {
        });

        assertThat(config.rules().clientRules()).as(writer.text()).isEqualTo(writer.clientRules);
        assertThat(config.rules().socksRules()).as(writer.text()).isEqualTo(writer.socksRules);
    }

    /** Something the writer put in the config, and the text it wrote for it. */
    private record Written<T>(T value, String text) {
    }

    /** Writes config text and remembers the rules it means. */
    private static final class Writer {
        private final Random random;
        private final StringBuilder text = new StringBuilder();
        private int lines;
        final List<Rule> clientRules = new ArrayList<>();
        final List<Rule> socksRules = new ArrayList<>();

        Writer(Random random) {
            this.random = random;
        }

        String text() {
            return text.toString();
        }

        void line(String line) {
            text.append(line).append('\n');
            lines++;
        }

        void rule() {
            if (random.nextInt(4) == 0) line(random.nextBoolean() ? "" : "# a comment line");
            Rule.Kind kind = random.nextBoolean() ? Rule.Kind.CLIENT : Rule.Kind.SOCKS;
            boolean pass = random.nextBoolean();
            Written<RuleAddress> from = address();
            Written<RuleAddress> to = address();
            Map<String, List<String>> lists = new LinkedHashMap<>();
            Set<Command> commands = EnumSet.noneOf(Command.class);
            Set<Protocol> protocols = EnumSet.noneOf(Protocol.class);
            Set<AuthMethod> methods = EnumSet.noneOf(AuthMethod.class);
            if (kind == Rule.Kind.SOCKS) {
                commands.addAll(someOf(DanteWords.COMMANDS, lists, "command"));
                protocols.addAll(someOf(DanteWords.PROTOCOLS, lists, "protocol"));
                methods.addAll(someOf(DanteWords.SOCKS_METHODS, lists, "socksmethod"));
            } else {
                methods.addAll(someOf(DanteWords.CLIENT_METHODS, lists, "clientmethod"));
            }
            Set<LogKeyword> log = EnumSet.noneOf(LogKeyword.class);
            log.addAll(someOf(DanteWords.LOG, lists, "log"));
            Set<String> users = new LinkedHashSet<>();
            if (random.nextInt(3) == 0) {
                for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) users.add("user" + random.nextInt(5));
                lists.put("user", List.copyOf(users));
            }

            int startLine = lines + 1;
            String head = (kind == Rule.Kind.CLIENT ? "client " : "socks ") + (pass ? "pass" : "block");
            String fromTo = keyword("from") + from.text() + " " + keyword("to") + to.text();
            if (lists.size() <= 1 && random.nextBoolean()) {
                // Dante allows one list keyword at the end of the from/to line.
                String list = lists.entrySet().stream().map(e -> " " + list(e.getKey(), e.getValue()))
                        .collect(Collectors.joining());
                line(head + " { " + fromTo + list + " }");
            } else {
                if (random.nextBoolean()) {
                    line(head + " {");
                } else {
                    line(head);
                    line("{");
                }
                line(indent() + fromTo);
                lists.forEach((keyword, values) -> {
                    if (random.nextInt(5) == 0) line(indent() + "# about " + keyword);
                    line(indent() + list(keyword, values));
                });
                line("}");
            }

            List<Rule> rules = kind == Rule.Kind.CLIENT ? clientRules : socksRules;
            rules.add(new Rule(kind, rules.size() + 1, startLine, pass, from.value(), to.value(), commands, protocols,
                    methods, users, log));
        }

        /** A random part of the vocabulary, written down in {@code lists} under the keyword if not empty. */
        private <T> List<T> someOf(Map<String, T> vocabulary, Map<String, List<String>> lists, String keyword) {
            List<String> chosen = vocabulary.keySet().stream().sorted().filter(w -> random.nextInt(3) == 0).toList();
            if (chosen.isEmpty() || random.nextBoolean()) return List.of();
            lists.put(keyword, chosen);
            return chosen.stream().map(vocabulary::get).toList();
        }

        private String list(String keyword, List<String> values) {
            return keyword(keyword) + String.join(" ", values);
        }

        /** {@code log: }, {@code log : } or {@code log:} glued to its first value. */
        private String keyword(String keyword) {
            return switch (random.nextInt(3)) {
                case 0 -> keyword + ": ";
                case 1 -> keyword + " : ";
                default -> keyword + ":";
            };
        }

        private String indent() {
            return " ".repeat(random.nextInt(4)) + (random.nextBoolean() ? "\t" : "");
        }

        /** A rule address and one of the ways to write it. */
        private Written<RuleAddress> address() {
            Written<HostMatch> host = switch (random.nextInt(6)) {
                case 0 -> ipv4(randomAddress(4), random.nextInt(33));
                case 1 -> {
                    InetAddress network = randomAddress(16);
                    int prefix = random.nextInt(129);
                    yield new Written<>(new HostMatch.Cidr(network, prefix), network.getHostAddress() + slash() + prefix);
                }
                case 2 -> new Written<>(new HostMatch.Cidr(InetAddress.ofLiteral("0.0.0.0"), 0), pick("0/0", "0.0.0.0/0"));
                case 3 -> ipv4(randomAddress(4), 0);
                case 4 -> {
                    String name = "host" + random.nextInt(100) + ".example.net";
                    yield new Written<>(new HostMatch.HostName(name), name);
                }
                default -> {
                    String domain = ".zone" + random.nextInt(100) + ".example";
                    yield new Written<>(new HostMatch.Domain(domain), domain);
                }
            };
            if (random.nextBoolean()) return new Written<>(new RuleAddress(host.value(), PortMatch.ANY), host.text());
            Written<PortMatch> port = port();
            return new Written<>(new RuleAddress(host.value(), port.value()), host.text() + " " + port.text());
        }

        /** An IPv4 network with its netmask as bits or dotted. */
        private Written<HostMatch> ipv4(InetAddress network, int prefix) {
            String netmask;
            if (random.nextInt(3) == 0) {
                long mask = prefix == 0 ? 0 : 0xffffffffL << (32 - prefix) & 0xffffffffL;
                netmask = (mask >> 24) + "." + (mask >> 16 & 0xff) + "." + (mask >> 8 & 0xff) + "." + (mask & 0xff);
            } else {
                netmask = String.valueOf(prefix);
            }
            return new Written<>(new HostMatch.Cidr(network, prefix), network.getHostAddress() + slash() + netmask);
        }

        private String slash() {
            return pick("/", "/", " / ", " /", "/ ");
        }

        private InetAddress randomAddress(int length) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            try {
                return InetAddress.getByAddress(bytes);
            } catch (UnknownHostException e) {
                throw new AssertionError(e);
            }
        }

        /** A port part: a range, an operator word (spaced) or an operator symbol (glued or spaced). */
        private Written<PortMatch> port() {
            int port = random.nextInt(65536);
            return switch (random.nextInt(3)) {
                case 0 -> {
                    int high = port + random.nextInt(65536 - port);
                    yield new Written<>(PortMatch.range(port, high), "port " + port + pick(" - ", "-", " -", "- ") + high);
                }
                case 1 -> {
                    String word = pick("eq", "ne", "neq", "gt", "ge", "lt", "le");
                    yield new Written<>(PortMatch.of(word.equals("ne") ? "neq" : word, port), "port " + word + " " + port);
                }
                default -> {
                    String symbol = pick("=", "!=", ">", ">=", "<", "<=");
                    String text = "port" + pick(" ", "") + symbol + pick(" ", "") + port;
                    yield new Written<>(PortMatch.of(symbol, port), text);
                }
            };
        }

        private String pick(String... choices) {
            return choices[random.nextInt(choices.length)];
        }
    }
}
