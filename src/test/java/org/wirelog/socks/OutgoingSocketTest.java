package org.wirelog.socks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
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

    @Test
    void theConnectionComesFromTheExternalAddressAsTheTargetSeesIt() throws Exception {
        InetAddress external = InetAddress.ofLiteral("127.0.0.2");
        try (ServerSocketChannel target = ServerSocketChannel.open().bind(new InetSocketAddress(LOOPBACK, 0))) {
            OutgoingSocket.Attempt attempt = OutgoingSocket.connect(external,
                    (InetSocketAddress) target.getLocalAddress(), Duration.ofSeconds(5));
            try (var channel = attempt.channel(); SocketChannel accepted = target.accept()) {
                assertThat(attempt.local()).isEqualTo(channel.getLocalAddress()).isEqualTo(accepted.getRemoteAddress());
                assertThat(attempt.local().getAddress()).isEqualTo(external);
            }
        }
    }

    @Test
    void anIpv6ExternalAddressIsBoundToo() throws Exception {
        InetAddress loopback6 = InetAddress.ofLiteral("::1");
        try (ServerSocketChannel target = ServerSocketChannel.open(StandardProtocolFamily.INET6)
                .bind(new InetSocketAddress(loopback6, 0))) {
            OutgoingSocket.Attempt attempt = OutgoingSocket.connect(loopback6,
                    (InetSocketAddress) target.getLocalAddress(), Duration.ofSeconds(5));
            try (var channel = attempt.channel(); SocketChannel accepted = target.accept()) {
                assertThat(attempt.local()).isEqualTo(channel.getLocalAddress()).isEqualTo(accepted.getRemoteAddress());
                assertThat(attempt.local().getAddress()).isEqualTo(loopback6);
                assertThat(attempt.local().getPort()).isPositive();
            }
        }
    }
}
