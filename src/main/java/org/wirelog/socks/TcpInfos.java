package org.wirelog.socks;

import java.nio.channels.SocketChannel;
import org.wirelog.model.TcpInfo;
import org.wirelog.sys.ChannelFd;
import org.wirelog.sys.SocketCalls;

/** Reads the TCP_INFO of a session's sockets for {@code log: tcpinfo}. */
final class TcpInfos {

    private TcpInfos() {
    }

    /**
     * @param target the target's socket, or null where there is none yet
     * @return the pair, or null when the client's TCP_INFO cannot be read (no descriptors, socket closed)
     */
    static TcpInfo.Pair read(SocketChannel client, SocketChannel target) {
        TcpInfo clientInfo = read(client);
        return clientInfo == null ? null : new TcpInfo.Pair(clientInfo, target == null ? null : read(target));
    }

    private static TcpInfo read(SocketChannel channel) {
        // A closed channel's old descriptor number may belong to another socket by now.
        if (channel == null || !channel.isOpen()) return null;
        return SocketCalls.tcpInfo(ChannelFd.of(channel));
    }
}
