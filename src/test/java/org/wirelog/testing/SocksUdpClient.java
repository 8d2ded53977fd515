package org.wirelog.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A SOCKS5 UDP ASSOCIATE client written from RFC 1928, doing what the corpus's socks5_udp.py did: associate
 * (announcing its own UDP address, or all zeros), send N datagrams to a target, wait for each reply, hold, close.
 * {@link #open()} gives the association itself, for tests that send odd datagrams.
 */
public final class SocksUdpClient {

    /** A datagram from the relay: the address its header names, and its payload. */
    public record Datagram(InetSocketAddress from, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.ISO_8859_1);
        }
    }

    /** @param relay BND of the reply (PROXY-INTUDP), {@code replies} one per datagram sent, null where none came */
    public record Result(int reply, InetSocketAddress relay, List<Datagram> replies) {
        public long answered() {
            return replies.stream().filter(r -> r != null).count();
        }
    }

    private final InetSocketAddress proxy;
    private String host = "127.0.0.1";
    private int port;
    private boolean byName;
    private boolean zeroDst;
    private int count = 1;
    private byte[] payload = "ping".getBytes(StandardCharsets.US_ASCII);
    private Duration replyTimeout = Duration.ofSeconds(3);
    private Duration hold = Duration.ZERO;
    private Duration settle = Duration.ZERO;
    private String user;
    private String password;

    private SocksUdpClient(InetSocketAddress proxy) {
        this.proxy = proxy;
    }

    public static SocksUdpClient via(InetSocketAddress proxy) {
        return new SocksUdpClient(proxy);
    }

    public SocksUdpClient target(String targetHost, int targetPort) {
        host = targetHost;
        port = targetPort;
        return this;
    }

    /** Name the target as ATYP 3 in each datagram's header. */
    public SocksUdpClient byName() {
        byName = true;
        return this;
    }

    /** Announce DST 0.0.0.0:0 instead of our own UDP address. */
    public SocksUdpClient zeroDst() {
        zeroDst = true;
        return this;
    }

    public SocksUdpClient count(int datagrams) {
        count = datagrams;
        return this;
    }

    public SocksUdpClient payload(byte[] bytes) {
        payload = bytes;
        return this;
    }

    public SocksUdpClient replyTimeout(Duration wait) {
        replyTimeout = wait;
        return this;
    }

    /** Keep the association (its TCP connection) open this long after the last datagram. */
    public SocksUdpClient hold(Duration time) {
        hold = time;
        return this;
    }

    public SocksUdpClient settle(Duration after) {
        settle = after;
        return this;
    }

    public SocksUdpClient login(String name, String secret) {
        user = name;
        password = secret;
        return this;
    }

    public Result run() throws IOException {
        try (Association association = open()) {
            if (association.reply() != 0) return new Result(association.reply(), association.relay(), List.of());
            List<Datagram> replies = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                association.send(host, port, byName, payload);
                replies.add(association.receive(replyTimeout));
            }
            if (!hold.isZero()) sleep(hold);
            return new Result(0, association.relay(), replies);
        } finally {
            if (!settle.isZero()) sleep(settle);
        }
    }

    /** Associates and leaves the association open: its TCP connection and our UDP socket. */
    public Association open() throws IOException {
        InetAddress family = proxy.getAddress();
        DatagramSocket udp = new DatagramSocket(new InetSocketAddress(family, 0));
        Socket control = new Socket();
        try {
            control.connect(proxy, 5000);
            control.setSoTimeout(10_000);
            DataInputStream in = new DataInputStream(control.getInputStream());
            Socks5Messages.Greeting greeting = Socks5Messages.greet(in, control.getOutputStream(), user, password);
            if (!greeting.ok()) return new Association(control, udp, greeting.method() == 0xff ? 0xff : 0x100 + greeting.loginStatus(), null);
            String announced = zeroDst ? (family.getAddress().length == 4 ? "0.0.0.0" : "::") : udp.getLocalAddress().getHostAddress();
            int announcedPort = zeroDst ? 0 : udp.getLocalPort();
            control.getOutputStream().write(Socks5Messages.request(Socks5Messages.UDP_ASSOCIATE, announced, announcedPort, false));
            Socks5Messages.Reply reply = Socks5Messages.readReply(in);
            if (reply == null) return new Association(control, udp, -1, null);
            return new Association(control, udp, reply.code(), reply.bound());
        } catch (IOException e) {
            control.close();
            udp.close();
            throw e;
        }
    }

    /** One association: send datagrams (well-formed or not) to the relay, receive what it sends back. */
    public static final class Association implements AutoCloseable {
        private final Socket control;
        private final DatagramSocket udp;
        private final int reply;
        private final InetSocketAddress relay;

        Association(Socket control, DatagramSocket udp, int reply, InetSocketAddress relay) {
            this.control = control;
            this.udp = udp;
            this.reply = reply;
            this.relay = relay;
        }

        /** REP of the reply (0xff: no acceptable method, 0x100 + status: login failed, -1: closed). */
        public int reply() {
            return reply;
        }

        public InetSocketAddress relay() {
            return relay;
        }

        /** The port of the association's TCP connection: how its {@code tcp/accept} lines name it. */
        public int controlPort() {
            return control.getLocalPort();
        }

        public InetSocketAddress udpAddress() {
            return (InetSocketAddress) udp.getLocalSocketAddress();
        }

        public void send(String host, int port, boolean byName, byte[] payload) throws IOException {
            ByteBuffer datagram = ByteBuffer.allocate(262 + payload.length).putShort((short) 0).put((byte) 0);
            Socks5Messages.putAddress(datagram, host, port, byName);
            datagram.put(payload);
            sendRaw(Arrays.copyOf(datagram.array(), datagram.position()));
        }

        /** Any bytes as one datagram to the relay. */
        public void sendRaw(byte[] datagram) throws IOException {
            udp.send(new DatagramPacket(datagram, datagram.length, relay));
        }

        /** The next datagram from the relay, its header decoded; null if none came in time. */
        public Datagram receive(Duration wait) throws IOException {
            byte[] buffer = new byte[65535];
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            udp.setSoTimeout((int) Math.max(1, wait.toMillis()));
            try {
                udp.receive(packet);
            } catch (SocketTimeoutException e) {
                return null;
            }
            ByteBuffer in = ByteBuffer.wrap(buffer, 0, packet.getLength());
            in.getShort();
            in.get();
            int atyp = in.get();
            byte[] raw = new byte[atyp == 1 ? 4 : 16];
            in.get(raw);
            InetSocketAddress from = new InetSocketAddress(InetAddress.getByAddress(raw), in.getShort() & 0xffff);
            byte[] data = new byte[in.remaining()];
            in.get(data);
            return new Datagram(from, data);
        }

        /** Whether the server has closed the TCP connection (waiting up to {@code wait}). */
        public boolean controlClosed(Duration wait) throws IOException {
            control.setSoTimeout((int) Math.max(1, wait.toMillis()));
            try {
                return control.getInputStream().read() < 0;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException reset) {
                return true;
            }
        }

        @Override
        public void close() throws IOException {
            control.close();
            udp.close();
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
