package org.wirelog.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MetricsOptionTest {

    @ParameterizedTest
    @CsvSource({"127.0.0.1:9100, 127.0.0.1, 9100", "'[::1]:9100', 0:0:0:0:0:0:0:1, 9100", ":9100, 0.0.0.0, 9100",
            "127.0.0.1:0, 127.0.0.1, 0"})
    void addressAndPort(String text, String address, int port) throws IOException {
        InetSocketAddress parsed = MetricsOption.parse(text);
        assertThat(parsed.getAddress().getHostAddress()).isEqualTo(address);
        assertThat(parsed.getPort()).isEqualTo(port);
    }

    @ParameterizedTest
    @ValueSource(strings = {"9100", "127.0.0.1:http", "127.0.0.1:70000", "127.0.0.1:"})
    void whatIsNoAddressAndPortIsSaidSo(String text) {
        assertThatThrownBy(() -> MetricsOption.parse(text)).isInstanceOf(IOException.class).hasMessageContaining(text);
    }
}
