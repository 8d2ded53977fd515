package org.wirelog.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NatlogConfTest {

    @TempDir
    Path dir;

    private Path conf(String text) throws IOException {
        return Files.writeString(dir.resolve("natlog.conf"), text);
    }

    @Test
    void optionsBecomeArguments() throws Exception {
        Path file = conf("""
                # comment

                  no-daemon
                stdout
                log: off
                protocol   all
                conntrack-command: /usr/sbin/conntrack -E -n
                log-data:
                time:\tutc
                """);
        assertThat(NatlogConf.arguments(file)).containsExactly("--no-daemon", "--stdout", "--log", "off", "--protocol", "all",
                "--conntrack-command", "/usr/sbin/conntrack -E -n", "--log-data", "", "--time", "utc");
    }

    @Test
    void anUnknownOptionIsNamedWithItsLine() throws IOException {
        Path file = conf("stdout\nno-syslog\n");
        assertThatThrownBy(() -> NatlogConf.arguments(file)).isInstanceOf(NatlogConf.Problem.class)
                .hasMessage(file + ", line 2: not an option of the configuration file: `no-syslog'");
    }

    @Test
    void optionsThatAreCommandLineOnlyAreRefused() throws IOException {
        for (String option : new String[] {"config x", "help", "verbose", "version", "--stdout"}) {
            Path file = conf(option + "\n");
            assertThatThrownBy(() -> NatlogConf.arguments(file)).as(option).isInstanceOf(NatlogConf.Problem.class)
                    .hasMessageContaining("line 1: not an option of the configuration file");
        }
    }

    @Test
    void aValueIsNeededWhereOneIsExpected() throws IOException {
        Path file = conf("time:\n");
        assertThatThrownBy(() -> NatlogConf.arguments(file)).hasMessage(file + ", line 1: option needs a value: `time'");
    }

    @Test
    void aFlagTakesNoValue() throws IOException {
        Path file = conf("\n\nno-bytes yes\n");
        assertThatThrownBy(() -> NatlogConf.arguments(file)).hasMessage(file + ", line 3: option no-bytes takes no value: `yes'");
    }

    @Test
    void aMissingFileIsAnIoError() {
        assertThatThrownBy(() -> NatlogConf.arguments(dir.resolve("none.conf"))).isInstanceOf(IOException.class);
    }
}
