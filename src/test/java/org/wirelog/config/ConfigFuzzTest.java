package org.wirelog.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The configuration files under a coverage-guided fuzzer: any text is either a configuration or an error in
 * the file's own words, naming the file and the line; never another exception. Seeds: the Dante corpus'
 * sockd.conf files and natlog's test.conf ({@code ConfigFuzzTestInputs/<method>/}); see docs/fuzzing.md.
 */
class ConfigFuzzTest {

    @FuzzTest
    void sockdConf(byte[] file) {
        Path name = Path.of("sockd.conf");
        try {
            SocksConfig config = SockdConf.parse(new String(file, StandardCharsets.ISO_8859_1), name, warning -> assertThat(warning).isNotBlank());
            assertThat(config.rules()).isNotNull();
        } catch (ConfigException e) {
            assertThat(e.getMessage()).startsWith("sockd.conf: problem on line ");
            assertThat(e.line()).isPositive();
        }
    }

    @FuzzTest
    void natlogConf(byte[] file) {
        Path name = Path.of("natlog.conf");
        try {
            List<String> arguments = NatlogConf.arguments(name, new String(file, StandardCharsets.UTF_8).lines().toList());
            assertThat(arguments).allMatch(a -> a != null);
        } catch (NatlogConf.Problem e) {
            assertThat(e.getMessage()).startsWith("natlog.conf, line ");
        }
    }
}
