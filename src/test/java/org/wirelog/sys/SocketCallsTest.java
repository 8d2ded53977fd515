package org.wirelog.sys;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.junit.jupiter.api.Test;
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
