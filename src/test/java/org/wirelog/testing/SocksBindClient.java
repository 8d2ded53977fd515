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
import java.util.concurrent.FutureTask;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A BIND client (SOCKS5 from RFC 1928, or SOCKS4) with its own "remote" host, doing what the corpus's
 * socks5_bind.py did: BIND, let the remote connect to the bound port from a chosen source address, the remote
 * sends {@code TGT4}, the client answers {@code CLIENT08} and closes.
 */
public final class SocksBindClient {

    static final byte[] FROM_REMOTE = "TGT4".getBytes(StandardCharsets.US_ASCII);
    static final byte[] FROM_CLIENT = "CLIENT08".getBytes(StandardCharsets.US_ASCII);

    /**
     * @param first          REP (or CD) of the first reply; {@code bound} its address
     * @param second         REP (or CD) of the second reply, -1 if none came; {@code remote} its address
     * @param clientReceived what the client read from the remote
     * @param remoteReceived what the remote read from the client until EOF
     */
    public record Result(int first, InetSocketAddress bound, int second, InetSocketAddress remote,
                         byte[] clientReceived, byte[] remoteReceived) {
    }

    private final InetSocketAddress proxy;
    private String expectedHost = "0.0.0.0";
    private int expectedPort;
    private InetAddress remoteSource = InetAddress.ofLiteral("127.0.0.2");
    private boolean socks4;
    private Duration settle = Duration.ZERO;

    private SocksBindClient(InetSocketAddress proxy) {
        this.proxy = proxy;
    }

    public static SocksBindClient via(InetSocketAddress proxy) {
        return new SocksBindClient(proxy);
    }

    /** DST of the BIND: the host (and port, 0 = any) the connection is expected from. */
    public SocksBindClient expect(String host, int port) {
        expectedHost = host;
        expectedPort = port;
        return this;
    }

    /** The address the remote host connects from. */
    public SocksBindClient remoteFrom(InetAddress source) {
        remoteSource = source;
        return this;
    }

    public SocksBindClient socks4() {
        socks4 = true;
        return this;
    }

    public SocksBindClient settle(Duration after) {
        settle = after;
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
            socket.connect(proxy, 5000);
            socket.setSoTimeout(10_000);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            if (!socks4 && Socks5Messages.greet(in, out, null, null).method() != 0) return new Result(-1, null, -1, null, null, null);
            out.write(socks4 ? socks4Request() : Socks5Messages.request(Socks5Messages.BIND, expectedHost, expectedPort, false));
            out.flush();
            Socks5Messages.Reply first = readReply(in);
            if (first == null || !succeeded(first.code())) {
                return new Result(first == null ? -1 : first.code(), first == null ? null : first.bound(), -1, null, null, null);
            }
            FutureTask<byte[]> remote = new FutureTask<>(() -> remote(first.bound()));
            Thread.ofVirtual().start(remote);
            Socks5Messages.Reply second = readReply(in);
            byte[] received = null;
            if (second != null && succeeded(second.code())) {
                received = in.readNBytes(FROM_REMOTE.length);
                out.write(FROM_CLIENT);
                out.flush();
            }
            socket.close();
            return new Result(first.code(), first.bound(), second == null ? -1 : second.code(),
                    second == null ? null : second.bound(), received, await(remote));
        }
    }

    /** The remote host: connects to the bound port, sends its 4 bytes, reads until EOF. */
    private byte[] remote(InetSocketAddress bound) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(remoteSource, 0));
            socket.connect(bound, 5000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(FROM_REMOTE);
            return readToEnd(socket.getInputStream());
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static byte[] readToEnd(InputStream in) {
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[1024];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) got.write(buffer, 0, n);
        } catch (IOException reset) {
            // what came before the reset is what the remote received
        }
        return got.toByteArray();
    }

    private static byte[] await(FutureTask<byte[]> remote) throws IOException {
        try {
            return remote.get(15, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IOException("the remote host did not finish", e);
        }
    }

    private byte[] socks4Request() {
        ByteBuffer request = ByteBuffer.allocate(9).put((byte) 4).put((byte) 2).putShort((short) expectedPort)
                .put(InetAddress.ofLiteral(expectedHost).getAddress()).put((byte) 0);
        return request.array();
    }

    private Socks5Messages.Reply readReply(DataInputStream in) throws IOException {
        if (!socks4) return Socks5Messages.readReply(in);
        int vn = in.read();
        if (vn < 0) return null;
        int cd = in.readUnsignedByte();
        int port = in.readUnsignedShort();
        return new Socks5Messages.Reply(cd, new InetSocketAddress(InetAddress.getByAddress(in.readNBytes(4)), port));
    }

    private boolean succeeded(int code) {
        return socks4 ? code == 90 : code == 0;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
