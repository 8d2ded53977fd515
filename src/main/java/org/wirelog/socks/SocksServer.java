package org.wirelog.socks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.wirelog.config.Listen;
import org.wirelog.config.SocksConfig;
import org.wirelog.model.EventSink;
import org.wirelog.relay.AcceptLoop;
import org.wirelog.rules.AuthMethod;
import org.wirelog.socks.limit.SessionCap;
import org.wirelog.socks.status.ActiveSessions;

/**
 * The SOCKS server: one listener per {@code internal:} address, one virtual thread per client connection.
 * The settings are one immutable snapshot that {@link #reconfigure} swaps for new connections only.
 */
public final class SocksServer implements AutoCloseable {

    private final EventSink sink;
    private final List<ServerSocketChannel> listeners = new ArrayList<>();
    private final ActiveSessions active = new ActiveSessions();
    private volatile Settings settings;
    /** The cap on client connections; a reload with another cap starts a new one, old sessions leave the old one. */
    private volatile SessionCap cap;

    public SocksServer(SocksConfig config, EventSink sink) throws IOException {
        checkSupported(config);
        this.sink = sink;
        this.settings = Settings.from(config);
        this.cap = new SessionCap(config.sessionMax());
        for (Listen internal : config.internals()) {
            for (InetAddress address : Externals.Addresses.of(internal.host())) {
                ServerSocketChannel listener = ServerSocketChannel.open();
                listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                try {
                    listener.bind(new InetSocketAddress(address, internal.port()), 4096);
                } catch (IOException e) {
                    listener.close();
                    close();
                    throw new IOException("cannot listen on " + address.getHostAddress() + "." + internal.port() + ": "
                            + org.wirelog.relay.IoErrors.describe(e), e);
                }
                listeners.add(listener);
            }
        }
        if (listeners.isEmpty()) throw new IOException("no internal address to listen on");
    }

    /** Fails for what this version cannot do yet, instead of silently doing something else. */
    public static void checkSupported(SocksConfig config) throws IOException {
        for (AuthMethod method : config.socksMethods()) {
            if (method == AuthMethod.GSSAPI || method == AuthMethod.BSDAUTH) {
                throw new IOException("socksmethod " + method.word() + ": not supported yet");
            }
        }
        for (AuthMethod method : config.clientMethods()) {
            if (method != AuthMethod.NONE) throw new IOException("clientmethod " + method.word() + ": not supported yet");
        }
    }

    /** Starts accepting; returns at once. */
    public void start() {
        for (ServerSocketChannel listener : listeners) {
            AcceptLoop.start("accept-" + listener.socket().getLocalPort(), listener, sink, this::connection);
        }
    }

    /** The addresses actually bound (with the real port where the config said 0). */
    public List<InetSocketAddress> addresses() {
        List<InetSocketAddress> out = new ArrayList<>();
        for (ServerSocketChannel listener : listeners) {
            out.add((InetSocketAddress) listener.socket().getLocalSocketAddress());
        }
        return out;
    }

    /** New rules, timeouts and externals for connections accepted from now on; open sessions keep theirs. */
    public void reconfigure(SocksConfig config) throws IOException {
        checkSupported(config);
        settings = Settings.from(config);
        if (config.sessionMax() != cap.max()) cap = new SessionCap(config.sessionMax());
    }

    /** The client connections and relaying sessions of this moment, for the status dump. */
    public ActiveSessions active() {
        return active;
    }

    /** The cap on client connections now in force (0: none). */
    public int sessionCap() {
        return cap.max();
    }

    /** A new client connection, handled with the settings in force when it was accepted. */
    private Runnable connection(SocketChannel client) {
        Settings current = settings;
        SessionLog log = new SessionLog(sink, current.debug(), current.errorLogging());
        return new ClientConnection(client, current, log, active, cap);
    }

    /**
     * SIGTERM: stops accepting and ends every relaying session, then waits (up to {@code grace}) until their
     * closing lines are emitted. Dante writes no closing line for the sessions it cuts at exit; wirelog's log is
     * complete, so each gets its {@code ]:} line with its counters and {@code server exiting}.
     *
     * @return the client connections still open when the grace ran out (still negotiating, say)
     */
    public int shutDown(Duration grace) throws InterruptedException {
        close();
        active.shutDownAll();
        long deadline = System.nanoTime() + grace.toNanos();
        while (active.connections() > 0 && System.nanoTime() < deadline) {
            // A session accepted just before close() may register its relay only now.
            active.shutDownAll();
            Thread.sleep(10);
        }
        return active.connections();
    }

    /** Stops accepting; sessions already running go on until they end. */
    @Override
    public void close() {
        for (ServerSocketChannel listener : listeners) {
            try {
                listener.close();
            } catch (IOException ignored) {
                // best effort
            }
        }
    }
}
