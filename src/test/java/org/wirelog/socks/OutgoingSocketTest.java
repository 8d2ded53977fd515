package org.wirelog.socks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.wirelog.relay.IoErrors;
import org.wirelog.testing.EchoTarget;
import org.wirelog.testing.TcpTargets;

/** PROXY-EXT must be known whether the connect works or not, although the kernel picks the port at connect(2). */
class OutgoingSocketTest {

    @RegisterExtension
    static final EchoTarget ECHO = new EchoTarget();

    private static final InetAddress LOOPBACK = InetAddress.ofLiteral("127.0.0.1");

    @Test
    void aConnectedSocketReportsItsRealLocalPort() throws Exception {
        OutgoingSocket.Attempt attempt = OutgoingSocket.connect(LOOPBACK, new InetSocketAddress(LOOPBACK, ECHO.port()),
                Duration.ofSeconds(5));
        try (var channel = attempt.channel()) {
            assertThat(attempt.failure()).isNull();
            assertThat(attempt.local().getPort()).isPositive().isEqualTo(
                    ((InetSocketAddress) channel.getLocalAddress()).getPort());
            assertThat(channel.isBlocking()).isTrue();
        }
    }

    @Test
    void aRefusedConnectStillHasTheLocalPortItWasMadeFrom() throws Exception {
        int closed = TcpTargets.freePort(LOOPBACK);
        OutgoingSocket.Attempt attempt = OutgoingSocket.connect(LOOPBACK, new InetSocketAddress(LOOPBACK, closed),
                Duration.ZERO);
        assertThat(attempt.channel()).isNull();
        assertThat(IoErrors.describe(attempt.failure())).isEqualTo("Connection refused");
        assertThat(attempt.timedOut()).isFalse();
        assertThat(attempt.local().getAddress()).isEqualTo(LOOPBACK);
        assertThat(attempt.local().getPort()).isPositive();
    }
}
