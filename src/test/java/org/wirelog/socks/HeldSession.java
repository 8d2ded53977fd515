package org.wirelog.socks;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** A SOCKS5 CONNECT kept open by the test, to talk through it at any time (across a reload, say). */
final class HeldSession implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;

    private HeldSession(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
    }

    static HeldSession open(InetSocketAddress proxy, int targetPort) throws IOException {
        Socket socket = new Socket();
        socket.connect(proxy, 5000);
        socket.setSoTimeout(10_000);
        HeldSession session = new HeldSession(socket);
        socket.getOutputStream().write(new byte[] {5, 1, 0});
        session.in.readFully(new byte[2]);
        ByteBuffer request = ByteBuffer.allocate(10).put(new byte[] {5, 1, 0, 1, 127, 0, 0, 1}).putShort((short) targetPort);
        socket.getOutputStream().write(request.array());
        byte[] reply = new byte[10];
        session.in.readFully(reply);
        if (reply[1] != 0) throw new IOException("SOCKS reply " + reply[1]);
        return session;
    }

    /** Sends {@code text} and reads as many bytes back (through an echo). */
    String echo(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        socket.getOutputStream().write(bytes);
        byte[] back = new byte[bytes.length];
        in.readFully(back);
        return new String(back, StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
