package org.wirelog.nat.ipfix;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.wirelog.model.Command;
import org.wirelog.model.Event;
import org.wirelog.model.EventSink;
import org.wirelog.relay.IoErrors;

/**
 * {@code wirelog nat --ipfix}: exports NAT44 session create and delete events (RFC 8158) to a collector over UDP
 * (RFC 7011). Like the log, it never blocks whoever emits: events are queued and one thread packs them into
 * messages, sent as soon as the queue runs dry (or a message is full). UDP keeps no state for the collector, so the
 * templates go out at the start and again every {@code templateRefresh} (section 10.3.6), and a collector started
 * late learns them then.
 */
public final class IpfixExporter implements EventSink, AutoCloseable {

    /** RFC 6728's default templateRefreshTimeout. */
    public static final Duration DEFAULT_TEMPLATE_REFRESH = Duration.ofMinutes(10);
    /** IANA's port for IPFIX. */
    public static final int DEFAULT_PORT = 4739;

    private static final Object STOP = new Object();

    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final DatagramChannel channel;
    private final InetSocketAddress collector;
    private final Messages messages;
    private final long refreshNanos;
    private final boolean withCounts;
    private final Consumer<String> problems;
    private final Thread sender;
    private boolean failing;
    private volatile boolean closed;

    /**
     * @param withCounts whether deletes carry octet and packet counts (false when the source counts none)
     * @param problems   told once when sending starts failing, and once when it works again
     */
    public IpfixExporter(InetSocketAddress collector, int observationDomain, Duration templateRefresh, boolean withCounts,
                         Consumer<String> problems) throws IOException {
        if (collector.isUnresolved()) throw new IOException("cannot resolve the IPFIX collector " + collector.getHostString());
        this.collector = collector;
        this.channel = DatagramChannel.open();
        // RFC 7011 section 10.3.3: without a known path MTU, messages fit a 576-octet IPv4 or 1280-octet IPv6 packet
        this.messages = new Messages(observationDomain, collector.getAddress() instanceof Inet6Address ? 1280 - 48 : 576 - 28);
        this.refreshNanos = templateRefresh.toNanos();
        this.withCounts = withCounts;
        this.problems = problems;
        this.sender = Thread.ofPlatform().name("wirelog-ipfix").daemon(true).start(this::run);
    }

    /** {@code HOST:PORT}, {@code [IPV6]:PORT}, or a host alone (a bare IPv6 address too) for IANA's port 4739. */
    public static InetSocketAddress collector(String text) {
        String host = text, port = null;
        if (text.startsWith("[") && text.indexOf(']') > 0) {
            host = text.substring(1, text.indexOf(']'));
            String rest = text.substring(text.indexOf(']') + 1);
            if (!rest.isEmpty()) port = rest.startsWith(":") ? rest.substring(1) : rest;
        } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
            host = text.substring(0, text.indexOf(':'));
            port = text.substring(text.indexOf(':') + 1);
        }
        if (host.isEmpty()) throw new IllegalArgumentException("--ipfix is HOST:PORT, not " + text);
        if (port == null) return new InetSocketAddress(host, DEFAULT_PORT);
        if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            throw new IllegalArgumentException("--ipfix is HOST:PORT, and " + port + " is not a port");
        }
        return new InetSocketAddress(host, Integer.parseInt(port));
    }

    /** Takes NAT sessions opened and closed; everything else is not this exporter's. */
    @Override
    public void emit(Event event) {
        if (!closed && isNatSession(event)) queue.add(event);
    }

    private static boolean isNatSession(Event event) {
        return switch (event) {
            case Event.SessionOpened opened -> opened.session().command() == Command.NAT;
            case Event.SessionClosed closedEvent -> closedEvent.session().command() == Command.NAT;
            default -> false;
        };
    }

    /** Sends what is queued, then stops. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        queue.add(STOP);
        try {
            sender.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing is left to send
        }
    }

    private void run() {
        long nextTemplates = System.nanoTime();
        List<Object> batch = new ArrayList<>();
        while (true) {
            if (System.nanoTime() - nextTemplates >= 0) {
                send(messages.templates(exportSeconds()));
                nextTemplates = System.nanoTime() + refreshNanos;
            }
            try {
                Object first = queue.poll(Math.max(0, nextTemplates - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (first == null) continue;
                batch.add(first);
            } catch (InterruptedException e) {
                continue;
            }
            queue.drainTo(batch);
            boolean stop = false;
            for (Object item : batch) {
                if (item == STOP) {
                    stop = true;
                } else {
                    NatSessionRecord record = NatSessionRecord.of((Event) item, withCounts);
                    if (record != null && !messages.add(record)) {
                        sendData();
                        messages.add(record);
                    }
                }
            }
            batch.clear();
            if (!messages.isEmpty()) sendData();
            if (stop) return;
        }
    }

    private void sendData() {
        send(messages.take(exportSeconds()));
    }

    private static long exportSeconds() {
        return System.currentTimeMillis() / 1000;
    }

    /** A message that cannot be sent is lost (UDP would lose it as well); its records still count, so the gap shows. */
    private void send(ByteBuffer message) {
        try {
            channel.send(message, collector);
            if (failing) problems.accept("IPFIX export to " + address() + " works again");
            failing = false;
        } catch (IOException e) {
            if (!failing) problems.accept("cannot send IPFIX to " + address() + ": " + IoErrors.describe(e));
            failing = true;
        }
    }

    private String address() {
        return collector.getAddress().getHostAddress() + ":" + collector.getPort();
    }
}
