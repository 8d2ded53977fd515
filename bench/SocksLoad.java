import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load generator for bench/socks.sh (run with a JDK 25: java SocksLoad.java MODE ...). It hosts its own
 * targets (a sink and an echo) and drives SOCKS5 clients at a proxy, or straight at the target ("direct")
 * to show its own ceiling.
 *
 *   throughput PROXY|direct MEGABYTES      one stream client -> target; prints MB/s
 *   rate PROXY|direct CLIENTS SECONDS [lockstep]
 *                                          each client loops: connect, SOCKS5 handshake + CONNECT, 64-byte echo, close;
 *                                          the greeting and the request go in one write, or with lockstep the
 *                                          request only after the method reply (for proxies that cannot take both
 *                                          at once, as microsocks 1.0.3; one round trip more per session)
 *   idle PROXY COUNT HOLD_SECONDS          opens COUNT sessions to the echo and holds them (for memory per session)
 * With $SOURCE set, the clients connect to the proxy from that address.
 */
public class SocksLoad {

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "throughput" -> throughput(args[1], Long.parseLong(args[2]));
            case "rate" -> rate(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    args.length > 4 && args[4].equals("lockstep"));
            case "idle" -> idle(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static ServerSocketChannel serve(boolean echo) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0), 4096);
        Thread.ofVirtual().start(() -> {
            while (true) {
                try {
                    SocketChannel c = server.accept();
                    Thread.ofVirtual().start(() -> {
                        ByteBuffer b = ByteBuffer.allocateDirect(echo ? 4096 : 256 * 1024);
                        try (c) {
                            while (c.read(b.clear()) > 0) {
                                if (echo) {
                                    b.flip();
                                    while (b.hasRemaining()) c.write(b);
                                }
                            }
                        } catch (IOException ignored) {
                        }
                    });
                } catch (IOException e) {
                    return;
                }
            }
        });
        return server;
    }

    static SocketChannel open(String proxy, InetSocketAddress target) throws IOException {
        return open(proxy, target, false);
    }

    static SocketChannel open(String proxy, InetSocketAddress target, boolean lockstep) throws IOException {
        if (proxy.equals("direct")) {
            SocketChannel c = SocketChannel.open(target);
            c.setOption(StandardSocketOptions.TCP_NODELAY, true);
            return c;
        }
        String[] hp = proxy.split(":");
        SocketChannel c = SocketChannel.open();
        String source = System.getenv("SOURCE"); // as socks5-rate.c: bench/socks.sh's logcost tells sessions apart by it
        if (source != null) c.bind(new InetSocketAddress(source, 0));
        c.connect(new InetSocketAddress(hp[0], Integer.parseInt(hp[1])));
        c.setOption(StandardSocketOptions.TCP_NODELAY, true);
        ByteBuffer out = ByteBuffer.allocate(64);
        ByteBuffer in = ByteBuffer.allocate(2 + 10);
        if (lockstep) {
            c.write(ByteBuffer.wrap(new byte[] {5, 1, 0}));
            in.limit(2);
            while (in.hasRemaining()) if (c.read(in) < 0) throw new IOException("proxy closed during handshake");
            in.limit(in.capacity());
        } else {
            out.put(new byte[] {5, 1, 0});
        }
        out.put(new byte[] {5, 1, 0, 1}).put(target.getAddress().getAddress()).putShort((short) target.getPort()).flip();
        while (out.hasRemaining()) c.write(out);
        while (in.hasRemaining()) if (c.read(in) < 0) throw new IOException("proxy closed during handshake");
        if (in.get(1) != 0 || in.get(3) != 0) throw new IOException("proxy refused: " + in.get(1) + "/" + in.get(3));
        return c;
    }

    static void throughput(String proxy, long megabytes) throws Exception {
        ServerSocketChannel sink = serve(false);
        InetSocketAddress target = (InetSocketAddress) sink.getLocalAddress();
        long total = megabytes << 20;
        ByteBuffer block = ByteBuffer.allocateDirect(256 * 1024);
        try (SocketChannel c = open(proxy, target)) {
            long start = System.nanoTime();
            for (long sent = 0; sent < total; ) {
                block.clear();
                if (total - sent < block.capacity()) block.limit((int) (total - sent));
                while (block.hasRemaining()) sent += c.write(block);
            }
            c.shutdownOutput();
            c.read(ByteBuffer.allocate(1)); // the sink closes after reading everything
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%.0f MB/s (%d MB in %.2f s)%n", megabytes / seconds, megabytes, seconds);
        }
    }

    static void rate(String proxy, int clients, int seconds, boolean lockstep) throws Exception {
        ServerSocketChannel echo = serve(true);
        InetSocketAddress target = (InetSocketAddress) echo.getLocalAddress();
        AtomicLong done = new AtomicLong(), failed = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        CountDownLatch finished = new CountDownLatch(clients);
        for (int i = 0; i < clients; i++) {
            Thread.ofVirtual().start(() -> {
                ByteBuffer payload = ByteBuffer.allocate(64);
                ByteBuffer reply = ByteBuffer.allocate(64);
                while (System.nanoTime() < end) {
                    try (SocketChannel c = open(proxy, target, lockstep)) {
                        payload.clear();
                        while (payload.hasRemaining()) c.write(payload);
                        reply.clear();
                        while (reply.hasRemaining()) if (c.read(reply) < 0) throw new IOException("early EOF");
                        done.incrementAndGet();
                    } catch (IOException e) {
                        failed.incrementAndGet();
                    }
                }
                finished.countDown();
            });
        }
        finished.await();
        System.out.printf("%.0f sessions/s (%d done, %d failed, %d clients, %d s)%n", done.get() / (double) seconds, done.get(),
                failed.get(), clients, seconds);
    }

    static void idle(String proxy, int count, int holdSeconds) throws Exception {
        ServerSocketChannel echo = serve(true);
        InetSocketAddress target = (InetSocketAddress) echo.getLocalAddress();
        List<SocketChannel> open = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            SocketChannel c = open(proxy, target);
            c.write(ByteBuffer.wrap(new byte[] {1}));
            c.read(ByteBuffer.allocate(1));
            open.add(c);
        }
        System.out.println("open " + count);
        System.out.flush();
        Thread.sleep(holdSeconds * 1000L);
        for (SocketChannel c : open) c.close();
    }
}
