package org.wirelog.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** The client's side of RFC 1928 (and RFC 1929's sub-negotiation), for the test clients. */
public final class Socks5Messages {

    public static final int CONNECT = 1, BIND = 2, UDP_ASSOCIATE = 3;

    /** A reply: REP and BND.ADDR/BND.PORT (unresolved when the server sent a name). */
    public record Reply(int code, InetSocketAddress bound) {
    }

    /** What came of the method selection: the method chosen (0xff: none acceptable) and the RFC 1929 status. */
    public record Greeting(int method, int loginStatus) {
        public boolean ok() {
            return method != 0xff && loginStatus == 0;
        }
    }

    private Socks5Messages() {
    }

    /** Offers "no authentication", or only username/password when {@code user} is given, and logs in if asked. */
    public static Greeting greet(DataInputStream in, OutputStream out, String user, String password) throws IOException {
        out.write(user == null ? new byte[] {5, 1, 0} : new byte[] {5, 1, 2});
        out.flush();
        in.readUnsignedByte();
        int method = in.readUnsignedByte();
        if (method != 2) return new Greeting(method, 0);
        byte[] name = user.getBytes(StandardCharsets.UTF_8);
        byte[] secret = password.getBytes(StandardCharsets.UTF_8);
        ByteBuffer login = ByteBuffer.allocate(3 + name.length + secret.length);
        login.put((byte) 1).put((byte) name.length).put(name).put((byte) secret.length).put(secret);
        out.write(login.array());
        out.flush();
        in.readUnsignedByte();
        return new Greeting(method, in.readUnsignedByte());
    }

    /** VER CMD RSV ATYP DST.ADDR DST.PORT; {@code byName} sends the host as ATYP 3. */
    public static byte[] request(int command, String host, int port, boolean byName) throws IOException {
        ByteBuffer request = ByteBuffer.allocate(300).put(new byte[] {5, (byte) command, 0});
        putAddress(request, host, port, byName);
        return java.util.Arrays.copyOf(request.array(), request.position());
    }

    static void putAddress(ByteBuffer out, String host, int port, boolean byName) throws IOException {
        if (byName) {
            byte[] name = host.getBytes(StandardCharsets.US_ASCII);
            out.put((byte) 3).put((byte) name.length).put(name);
        } else {
            byte[] raw = InetAddress.getByName(host).getAddress();
            out.put((byte) (raw.length == 4 ? 1 : 4)).put(raw);
        }
        out.putShort((short) port);
    }

    /** Reads one reply; null if the server closed instead. */
    public static Reply readReply(DataInputStream in) throws IOException {
        int ver = in.read();
        if (ver < 0) return null;
        int rep = in.readUnsignedByte();
        in.readUnsignedByte();
        return new Reply(rep, readAddress(in, in.readUnsignedByte()));
    }

    private static InetSocketAddress readAddress(DataInputStream in, int atyp) throws IOException {
        return switch (atyp) {
            case 1 -> new InetSocketAddress(InetAddress.getByAddress(in.readNBytes(4)), in.readUnsignedShort());
            case 4 -> new InetSocketAddress(InetAddress.getByAddress(in.readNBytes(16)), in.readUnsignedShort());
            case 3 -> InetSocketAddress.createUnresolved(
                    new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.US_ASCII), in.readUnsignedShort());
            default -> throw new IOException("bad ATYP " + atyp + " in reply");
        };
    }
}
