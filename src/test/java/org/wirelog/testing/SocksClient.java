package org.wirelog.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * A SOCKS 4/4a/5 CONNECT client written from the RFCs, doing what the corpus's socks_connect.py did:
 * send a payload, read the echo, for some rounds, then close (or wait for EOF, hold, reset).
 */
public final class SocksClient {

    public enum Version { SOCKS4, SOCKS4A, SOCKS5 }

    /** What the client saw: the reply code (SOCKS5 REP, or SOCKS4 CD), BND, and what it sent and received. */
    public record Result(int reply, InetSocketAddress bound, long sent, long received, boolean sawEof) {
        public boolean succeeded() {
            return reply == 0 || reply == 90;
        }
    }

    private final InetSocketAddress proxy;
    private String host = "127.0.0.1";
    private int port;
    private Version version = Version.SOCKS5;
    private boolean hostname;
    private String userid = "";
    private byte[] payload = "ping".getBytes(StandardCharsets.US_ASCII);
    private int rounds = 1;
    private Duration pause = Duration.ZERO;
    private int expectBytes = -1;
    private boolean waitEof;
    private boolean noEcho;
    private Duration hold = Duration.ZERO;
    private boolean reset;
    private InetAddress source;
    private Duration timeout = Duration.ofSeconds(10);
    private Duration settle = Duration.ZERO;
    private String user;
    private String password;

    /** The reply code of a result whose RFC 1929 login was refused. */
    public static final int LOGIN_FAILED = 0x101;

    private SocksClient(InetSocketAddress proxy) {
        this.proxy = proxy;
    }

    public static SocksClient via(InetSocketAddress proxy) {
        return new SocksClient(proxy);
    }

    public SocksClient target(String targetHost, int targetPort) {
        this.host = targetHost;
        this.port = targetPort;
        return this;
    }

    /** Send the target as ATYP 3 (SOCKS5) or as a SOCKS4a name. */
    public SocksClient byName() {
        this.hostname = true;
        return this;
    }

    public SocksClient version(Version v) {
        this.version = v;
        return this;
    }

    public SocksClient userid(String id) {
        this.userid = id;
        return this;
    }

    public SocksClient payload(byte[] bytes) {
        this.payload = bytes;
        return this;
    }

    public SocksClient rounds(int count, Duration pauseBetween) {
        this.rounds = count;
        this.pause = pauseBetween;
        return this;
    }

    public SocksClient expectBytes(int count) {
        this.expectBytes = count;
        return this;
    }

    public SocksClient waitForEof() {
        this.waitEof = true;
        return this;
    }

    /** Send but never read; with {@link #reset()} this leaves unread data behind. */
    public SocksClient noEcho() {
        this.noEcho = true;
        return this;
    }

    public SocksClient hold(Duration before) {
        this.hold = before;
        return this;
    }

    /** Close with SO_LINGER 0: the kernel sends RST. */
    public SocksClient reset() {
        this.reset = true;
        return this;
    }

    /** Offer only username/password (RFC 1929) and log in with these. */
    public SocksClient login(String name, String secret) {
        this.user = name;
        this.password = secret;
        return this;
    }

    public SocksClient from(InetAddress sourceAddress) {
        this.source = sourceAddress;
        return this;
    }

    /** Pause after closing, as a separate client program would take to start: lets the server log the end first. */
    public SocksClient settle(Duration after) {
        this.settle = after;
        return this;
    }

    public SocksClient timeout(Duration limit) {
        this.timeout = limit;
        return this;
    }

    public Result run() throws IOException {
        try {
            return exchange();
        } finally {
            if (!settle.isZero()) sleep(settle);
        }
    }

    private Result exchange() throws IOException {
        try (Socket socket = new Socket()) {
            if (source != null) socket.bind(new InetSocketAddress(source, 0));
            socket.connect(proxy, (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            socket.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            ReplyAndBound reply;
            try {
                reply = version == Version.SOCKS5 ? socks5(in, out) : socks4(in, out);
            } catch (java.io.EOFException | java.net.SocketException closedByServer) {
                return new Result(-1, null, 0, 0, true); // e.g. no client rule matched: closed without a word
            }
            if (reply == null) return new Result(-1, null, 0, 0, true);
            boolean ok = reply.code == 0 || reply.code == 90;
            if (!ok) return new Result(reply.code, reply.bound, 0, 0, in.read() < 0);
            long sent = 0, received = 0;
            int perRound = expectBytes >= 0 ? expectBytes : payload.length;
            for (int round = 0; round < rounds; round++) {
                if (round > 0 && !pause.isZero()) sleep(pause);
                out.write(payload);
                out.flush();
                sent += payload.length;
                if (!noEcho) received += readExactly(in, perRound);
            }
            boolean eof = false;
            if (waitEof) {
                received += drain(in);
                eof = true;
            }
            if (!hold.isZero()) sleep(hold);
            if (reset) socket.setSoLinger(true, 0);
            return new Result(reply.code, reply.bound, sent, received, eof);
        }
    }

    private record ReplyAndBound(int code, InetSocketAddress bound) {
    }

    private ReplyAndBound socks5(DataInputStream in, OutputStream out) throws IOException {
        Socks5Messages.Greeting greeting = Socks5Messages.greet(in, out, user, password);
        if (greeting.method() == 0xff) return new ReplyAndBound(0xff, null);
        if (greeting.loginStatus() != 0) return new ReplyAndBound(LOGIN_FAILED, null);
        ByteBuffer request = ByteBuffer.allocate(300).put(new byte[] {5, 1, 0});
        if (hostname) {
            byte[] name = host.getBytes(StandardCharsets.US_ASCII);
            request.put((byte) 3).put((byte) name.length).put(name);
        } else {
            byte[] raw = InetAddress.getByName(host).getAddress();
            request.put((byte) (raw.length == 4 ? 1 : 4)).put(raw);
        }
        request.putShort((short) port);
        out.write(request.array(), 0, request.position());
        out.flush();
        int ver = in.read();
        if (ver < 0) return null;
        int rep = in.readUnsignedByte();
        in.readUnsignedByte();
        int atyp = in.readUnsignedByte();
        InetSocketAddress bound = switch (atyp) {
            case 1 -> new InetSocketAddress(InetAddress.getByAddress(readN(in, 4)), in.readUnsignedShort());
            case 4 -> new InetSocketAddress(InetAddress.getByAddress(readN(in, 16)), in.readUnsignedShort());
            case 3 -> InetSocketAddress.createUnresolved(new String(readN(in, in.readUnsignedByte()), StandardCharsets.US_ASCII),
                    in.readUnsignedShort());
            default -> throw new IOException("bad ATYP " + atyp + " in reply");
        };
        return new ReplyAndBound(rep, bound);
    }

    private ReplyAndBound socks4(DataInputStream in, OutputStream out) throws IOException {
        ByteBuffer request = ByteBuffer.allocate(600).put((byte) 4).put((byte) 1).putShort((short) port);
        if (version == Version.SOCKS4A) {
            request.put(new byte[] {0, 0, 0, 1});
        } else {
            request.put(InetAddress.getByName(host).getAddress());
        }
        request.put(userid.getBytes(StandardCharsets.US_ASCII)).put((byte) 0);
        if (version == Version.SOCKS4A) request.put(host.getBytes(StandardCharsets.US_ASCII)).put((byte) 0);
        out.write(request.array(), 0, request.position());
        out.flush();
        int vn = in.read();
        if (vn < 0) return null;
        int cd = in.readUnsignedByte();
        int boundPort = in.readUnsignedShort();
        InetAddress boundAddress = InetAddress.getByAddress(readN(in, 4));
        return new ReplyAndBound(cd, new InetSocketAddress(boundAddress, boundPort));
    }

    private static byte[] readN(DataInputStream in, int n) throws IOException {
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    private static int readExactly(InputStream in, int count) throws IOException {
        byte[] buffer = new byte[Math.max(1, count)];
        int got = 0;
        while (got < count) {
            int n = in.read(buffer, got, count - got);
            if (n < 0) break;
            got += n;
        }
        return got;
    }

    private static long drain(InputStream in) throws IOException {
        byte[] buffer = new byte[8192];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0; ) total += n;
        return total;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return version + " " + (hostname ? "name " : "") + host + ":" + port + " payload " + Arrays.toString(payload);
    }
}
