package org.wirelog.socks;

import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.wirelog.model.TcpInfo;
import org.wirelog.relay.TcpRelay;
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

    /**
     * The pair of a relay's sockets as it ends, read just before they close, where {@code wanted}; the supplier
     * gives null until then, and always when not wanted.
     */
    static Supplier<TcpInfo.Pair> atEnd(TcpRelay relay, boolean wanted, SocketChannel client, SocketChannel target) {
        AtomicReference<TcpInfo.Pair> pair = new AtomicReference<>();
        if (wanted) relay.beforeClosing(() -> pair.set(read(client, target)));
        return pair::get;
    }

    private static TcpInfo read(SocketChannel channel) {
        // A closed channel's old descriptor number may belong to another socket by now.
        if (channel == null || !channel.isOpen()) return null;
        return SocketCalls.tcpInfo(ChannelFd.of(channel));
    }
}
