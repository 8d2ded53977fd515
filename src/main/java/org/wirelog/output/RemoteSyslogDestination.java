package org.wirelog.output;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.wirelog.config.LogSpec.RemoteSyslog.Transport;
import org.wirelog.model.Level;
import org.wirelog.sys.Syslog;

/**
 * A central syslog collector: each line as an RFC 5424 message, {@code <PRI>1 TIMESTAMP HOST APP PID - - MSG},
 * in one UDP datagram (RFC 5426) or on a TCP stream with octet counting (RFC 6587). A TCP connection that broke
 * is opened again for a later line, at most once a second, so that a collector that is gone (a connect that may
 * hang until it times out) does not hold up the log writer line after line; the log writer reports the failure
 * once, and the lines that could not be sent meanwhile are counted in one notice once the collector is back.
 * Over UDP a collector that is gone cannot be noticed: datagrams are sent and lost, as with any syslog over UDP.
 */
public final class RemoteSyslogDestination implements Destination {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX")
            .withZone(ZoneOffset.UTC);
    /** RFC 5426 says 480 bytes always fit over IPv4, 2048 should; longer lines are cut there on UDP. */
    private static final int MAX_DATAGRAM = 2048;

    private final Transport transport;
    private final InetSocketAddress collector;
    private final Syslog.Facility facility;
    private final String header;
    private DatagramChannel udp;
    private SocketChannel tcp;
    private final Outage outage;

    public RemoteSyslogDestination(Transport transport, String host, int port, Syslog.Facility facility, String appName) {
        this.transport = transport;
        this.collector = new InetSocketAddress(host, port);
        this.facility = facility;
        this.header = " " + hostname() + " " + appName + " " + ProcessHandle.current().pid() + " - - ";
        this.outage = new Outage(name());
    }

    private static String hostname() {
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            return name.isEmpty() ? "-" : name;
        } catch (IOException e) {
            return "-";
        }
    }

    @Override
    public void write(Level level, String message, String line) throws IOException {
        int priority = facility.code() | level.priority();
        byte[] bytes = ("<" + priority + ">1 " + TIMESTAMP.format(Instant.now()) + header + message)
                .getBytes(StandardCharsets.UTF_8);
        if (transport == Transport.UDP) {
            if (udp == null) udp = DatagramChannel.open();
            udp.send(ByteBuffer.wrap(bytes, 0, Math.min(bytes.length, MAX_DATAGRAM)), collector);
            return;
        }
        byte[] length = (bytes.length + " ").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer frame = ByteBuffer.allocate(length.length + bytes.length).put(length).put(bytes).flip();
        if (!outage.mayTry()) throw new IOException("syslog collector " + name() + ": not tried again yet");
        try {
            if (tcp == null) tcp = SocketChannel.open(collector);
            while (frame.hasRemaining()) tcp.write(frame);
        } catch (IOException e) {
            closeTcp();
            outage.failed();
            throw new IOException("syslog collector " + name() + ": " + org.wirelog.relay.IoErrors.describe(e), e);
        }
        outage.worked();
    }

    @Override
    public List<String> takeNotices() {
        return outage.takeNotices();
    }

    @Override
    public void flush() {
        // every message is sent as it is written
    }

    @Override
    public String name() {
        return "syslog" + (transport == Transport.TCP ? "+tcp" : "") + "://" + collector.getHostString() + ":"
                + collector.getPort();
    }

    private void closeTcp() {
        if (tcp == null) return;
        try {
            tcp.close();
        } catch (IOException ignored) {
            // it is broken already
        }
        tcp = null;
    }

    @Override
    public void close() throws IOException {
        closeTcp();
        if (udp != null) udp.close();
    }
}
