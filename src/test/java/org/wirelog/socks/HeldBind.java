package org.wirelog.socks;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.wirelog.testing.Socks5Messages;

/** A SOCKS5 BIND kept open by the test: the first reply read, then a remote host the test connects when it likes. */
final class HeldBind implements AutoCloseable {

    private final Socket client;
    private final DataInputStream in;
    private final Socks5Messages.Reply first;
    private Socket remote;

    private HeldBind(Socket client, DataInputStream in, Socks5Messages.Reply first) {
        this.client = client;
        this.in = in;
        this.first = first;
    }

    /** BIND for a connection from {@code expected} (any port); returns after the first reply. */
    static HeldBind open(InetSocketAddress proxy, String expected) throws IOException {
        Socket socket = new Socket();
        socket.connect(proxy, 5000);
        socket.setSoTimeout(10_000);
        DataInputStream in = new DataInputStream(socket.getInputStream());
        Socks5Messages.greet(in, socket.getOutputStream(), null, null);
        socket.getOutputStream().write(Socks5Messages.request(Socks5Messages.BIND, expected, 0, false));
        return new HeldBind(socket, in, Socks5Messages.readReply(in));
    }

    /** REP of the first reply (-1: the server closed instead). */
    int firstReply() {
        return first == null ? -1 : first.code();
    }

    /** The remote host connects from {@code source} to the bound port; returns REP of the second reply. */
    int connectRemote(InetAddress source) throws IOException {
        remote = new Socket();
        remote.bind(new InetSocketAddress(source, 0));
        remote.connect(first.bound(), 5000);
        remote.setSoTimeout(10_000);
        Socks5Messages.Reply second = Socks5Messages.readReply(in);
        return second == null ? -1 : second.code();
    }

    /** The remote sends {@code toClient}, the client reads it and answers {@code toRemote}, which the remote reads. */
    void exchange(byte[] toClient, byte[] toRemote) throws IOException {
        remote.getOutputStream().write(toClient);
        in.readFully(new byte[toClient.length]);
        client.getOutputStream().write(toRemote);
        new DataInputStream(remote.getInputStream()).readFully(new byte[toRemote.length]);
    }

    @Override
    public void close() throws IOException {
        client.close();
        if (remote != null) remote.close();
    }
}
