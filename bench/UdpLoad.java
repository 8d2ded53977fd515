import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * UDP load through a SOCKS5 UDP association: one association, an echo target of its own, datagrams of a given
 * payload size kept in flight (a window) for a given time. Prints the round trips per second (after a second of
 * warm-up), then the round trips of the whole run: each is one datagram client -> target and one target -> client
 * through the relay.
 * Usage: java UdpLoad.java PROXY_PORT PAYLOAD_BYTES SECONDS [WINDOW]
 */
public class UdpLoad {
    public static void main(String[] args) throws Exception {
        int proxyPort = Integer.parseInt(args[0]);
        int size = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int window = args.length > 3 ? Integer.parseInt(args[3]) : 32;
        InetAddress lo = InetAddress.getByName("127.0.0.1");

        DatagramChannel echo = DatagramChannel.open().bind(new InetSocketAddress(lo, 0));
        echo.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
        Thread echoThread = new Thread(() -> {
            ByteBuffer b = ByteBuffer.allocateDirect(65536);
            try {
                while (true) {
                    b.clear();
                    var from = echo.receive(b);
                    b.flip();
                    echo.send(b, from);
                }
            } catch (Exception e) {
                // closed
            }
        });
        echoThread.setDaemon(true);
        echoThread.start();
        int echoPort = ((InetSocketAddress) echo.getLocalAddress()).getPort();

        DatagramChannel udp = DatagramChannel.open().bind(new InetSocketAddress(lo, 0));
        udp.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
        int myPort = ((InetSocketAddress) udp.getLocalAddress()).getPort();
        try (Socket control = new Socket(lo, proxyPort)) {
            DataInputStream in = new DataInputStream(control.getInputStream());
            OutputStream out = control.getOutputStream();
            out.write(new byte[] {5, 1, 0});
            in.readFully(new byte[2]);
            ByteBuffer req = ByteBuffer.allocate(10).put(new byte[] {5, 3, 0, 1}).put(lo.getAddress()).putShort((short) myPort);
            out.write(req.array());
            byte[] reply = new byte[10];
            in.readFully(reply);
            if (reply[1] != 0) throw new IllegalStateException("UDP ASSOCIATE refused: " + reply[1]);
            InetSocketAddress relay = new InetSocketAddress(InetAddress.getByAddress(java.util.Arrays.copyOfRange(reply, 4, 8)),
                    ((reply[8] & 0xff) << 8) | (reply[9] & 0xff));
            udp.connect(relay);

            ByteBuffer datagram = ByteBuffer.allocateDirect(10 + size);
            datagram.put(new byte[] {0, 0, 0, 1}).put(lo.getAddress()).putShort((short) echoPort);
            for (int i = 0; i < size; i++) datagram.put((byte) i);
            AtomicLong received = new AtomicLong();
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            long warm = System.nanoTime() + 1_000_000_000L;
            Thread receiver = new Thread(() -> {
                ByteBuffer b = ByteBuffer.allocateDirect(65536);
                try {
                    while (true) {
                        b.clear();
                        udp.read(b);
                        received.incrementAndGet();
                    }
                } catch (Exception e) {
                    // closed
                }
            });
            receiver.setDaemon(true);
            receiver.start();
            long sent = 0;
            long countedFrom = -1, startNanos = 0;
            long lastProgress = System.nanoTime(), lastReceived = 0;
            while (System.nanoTime() < end) {
                if (countedFrom < 0 && System.nanoTime() >= warm) {
                    countedFrom = received.get();
                    startNanos = System.nanoTime();
                }
                long got = received.get();
                if (got != lastReceived) {
                    lastReceived = got;
                    lastProgress = System.nanoTime();
                }
                if (sent - got >= window) {
                    // Lost datagrams would close the window for good: after 50 ms without progress, forget them.
                    if (System.nanoTime() - lastProgress > 50_000_000L) {
                        sent = got;
                        lastProgress = System.nanoTime();
                    }
                    Thread.onSpinWait();
                    continue;
                }
                datagram.clear();
                udp.write(datagram);
                sent++;
            }
            long total = received.get() - countedFrom;
            double secs = (System.nanoTime() - startNanos) / 1e9;
            System.out.printf("%.0f %d%n", total / secs, received.get());
        }
        udp.close();
        echo.close();
    }
}
