package org.wirelog.sys;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wirelog.model.TcpInfo;

/** The socket calls on real loopback sockets (the tests run with the descriptor export, as wirelog does). */
class SocketCallsTest {

    @Test
    void bindWithoutPortLeavesThePortToConnectAndGetsocknameTellsIt() throws Exception {
        assertThat(ChannelFd.available()).isTrue();
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
             SocketChannel client = SocketChannel.open()) {
            int fd = ChannelFd.of(client);
            assertThat(SocketCalls.bindAddressNoPort(fd)).isTrue();
            client.bind(new InetSocketAddress("127.0.0.1", 0));
            assertThat(SocketCalls.localPort(fd)).isZero();

            client.connect(server.getLocalAddress());
            int port = ((InetSocketAddress) client.getLocalAddress()).getPort();
            assertThat(port).isPositive();
            assertThat(SocketCalls.localPort(fd)).isEqualTo(port);
        }
    }

    @ParameterizedTest
    @CsvSource({"INET, 127.0.0.1, 127.0.0.3", "INET6, ::1, ::1"})
    void bindAnyPortBindsTheAddressAndConnectPicksThePort(StandardProtocolFamily family, String listen, String from)
            throws Exception {
        InetAddress external = InetAddress.ofLiteral(from);
        try (ServerSocketChannel server = ServerSocketChannel.open(family).bind(new InetSocketAddress(listen, 0));
             SocketChannel client = SocketChannel.open(family)) {
            int fd = ChannelFd.of(client);
            assertThat(SocketCalls.bindAddressNoPort(fd)).isTrue();
            assertThat(SocketCalls.bindAnyPort(fd, external)).isTrue();
            assertThat(SocketCalls.localPort(fd)).isZero();

            client.connect(server.getLocalAddress());
            try (SocketChannel accepted = server.accept()) {
                InetSocketAddress seen = (InetSocketAddress) accepted.getRemoteAddress();
                assertThat(seen.getAddress()).isEqualTo(external);
                assertThat(seen.getPort()).isPositive().isEqualTo(SocketCalls.localPort(fd));
            }
        }
    }

    @Test
    void bindAnyPortSaysNoWhenTheAddressIsNotThisHostsOrTheSocketIsBound() throws Exception {
        try (SocketChannel client = SocketChannel.open(StandardProtocolFamily.INET)) {
            int fd = ChannelFd.of(client);
            // 192.0.2.1 (TEST-NET-1, RFC 5737) is on no interface here: bind(2) fails with EADDRNOTAVAIL, no packet.
            assertThat(SocketCalls.bindAnyPort(fd, InetAddress.ofLiteral("192.0.2.1"))).isFalse();
            assertThat(SocketCalls.bindAnyPort(fd, InetAddress.ofLiteral("127.0.0.1"))).isTrue();
            assertThat(SocketCalls.bindAnyPort(fd, InetAddress.ofLiteral("127.0.0.1"))).isFalse();
        }
    }

    @Test
    void tcpInfoOfAnEstablishedConnectionThatSentData() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
             SocketChannel client = SocketChannel.open(server.getLocalAddress());
             SocketChannel accepted = server.accept()) {
            client.write(ByteBuffer.wrap(new byte[1000]));
            ByteBuffer in = ByteBuffer.allocate(1000);
            while (in.hasRemaining()) accepted.read(in);

            TcpInfo sender = SocketCalls.tcpInfo(ChannelFd.of(client));
            TcpInfo receiver = SocketCalls.tcpInfo(ChannelFd.of(accepted));
            assertThat(sender.get(TcpInfo.Field.STATE)).isEqualTo(1); // TCP_ESTABLISHED
            assertThat(receiver.get(TcpInfo.Field.STATE)).isEqualTo(1);
            assertThat(sender.get(TcpInfo.Field.RTT)).isPositive();
            assertThat(sender.get(TcpInfo.Field.SND_MSS)).isPositive();
            assertThat(sender.get(TcpInfo.Field.RTO)).isGreaterThanOrEqualTo(200_000); // TCP_RTO_MIN, microseconds
            assertThat(sender.get(TcpInfo.Field.TOTAL_RETRANS)).isZero();
            assertThat(receiver.get(TcpInfo.Field.RCV_SPACE)).isPositive();
        }
    }

    @Test
    void noTcpInfoForADescriptorThatIsNotASocket() {
        assertThat(SocketCalls.tcpInfo(-1)).isNull();
        assertThat(SocketCalls.localPort(-1)).isEqualTo(-1);
    }
}
