package org.wirelog.forward;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.wirelog.model.Event;
import org.wirelog.model.EventSink;
import org.wirelog.model.Session;
import org.wirelog.relay.AcceptLoop;
import org.wirelog.relay.IoErrors;

/**
 * ipprotd's forwarder: listens on one port (on every address, or on the -p listen_host) and forwards each
 * connection to the destination on a virtual thread of its own, where ipprotd forked a process.
 * {@link #close()} stops accepting while open connections go on, as ipprotd's do after a kill.
 */
public final class Forwarder implements AutoCloseable {

    private final ForwardOptions options;
    private final EventSink sink;
    private final ZoneId zone;
    private final ServerSocketChannel listener;
    private final RecordingErrors recordingErrors;
    private final PostProcessor postProcessor;
    private final Set<ForwardConnection> active = new HashSet<>();
    private Thread acceptor;

    private Forwarder(ForwardOptions options, EventSink sink, ZoneId zone, ServerSocketChannel listener) {
        this.options = options;
        this.sink = sink;
        this.zone = zone;
        this.listener = listener;
        this.recordingErrors = new RecordingErrors(sink);
        this.postProcessor = options.postCommand() == null ? null
                : new PostProcessor(options.postCommand(), sink, zone, dataFileNames(options, zone));
    }

    /** Binds the listening socket; {@link #start()} then accepts. */
    public static Forwarder open(ForwardOptions options, EventSink sink, ZoneId zone) throws IOException {
        InetSocketAddress address;
        if (options.listenHost() == null) {
            // The wildcard address: every address of the host, also those added while we run.
            address = new InetSocketAddress(options.listenPort());
        } else {
            address = new InetSocketAddress(InetAddress.getByName(options.listenHost()), options.listenPort());
        }
        ServerSocketChannel listener = ServerSocketChannel.open();
        try {
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listener.bind(address, 4096);
        } catch (IOException e) {
            listener.close();
            throw new IOException("cannot listen on " + (options.listenHost() == null ? "*" : options.listenHost())
                    + " port " + options.listenPort() + ": " + IoErrors.describe(e), e);
        }
        return new Forwarder(options, sink, zone, listener);
    }

    /**
     * The data file names of connections that are let through, for the connection log's %f and the -u
     * parameters; null for every session without -f.
     */
    public static Function<Session, String> dataFileNames(ForwardOptions options, ZoneId zone) {
        RecordingSettings recording = options.recording();
        if (recording == null) return session -> null;
        return session -> recording.fileFor(session, zone).toString();
    }

    /** Starts accepting; returns at once. */
    public synchronized void start() {
        acceptor = AcceptLoop.start("forward-accept", listener, sink, this::connection);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) listener.socket().getLocalSocketAddress();
    }

    /** Registered before it runs, so that stopping waits for it. */
    private synchronized Runnable connection(SocketChannel client) {
        ForwardConnection connection = new ForwardConnection(this, client);
        active.add(connection);
        return connection;
    }

    ForwardOptions options() {
        return options;
    }

    EventSink sink() {
        return sink;
    }

    /** A recorder for a connection that is let through, or null without -f. */
    Recorder recorderFor(Session session) {
        RecordingSettings recording = options.recording();
        if (recording == null) return null;
        return new Recorder(recording, recording.fileFor(session, zone), zone, recordingErrors);
    }

    void postProcess(Event.SessionClosed closed) {
        if (postProcessor != null) postProcessor.run(closed);
    }

    synchronized void ended(ForwardConnection connection) {
        active.remove(connection);
        notifyAll();
    }

    /** Stops accepting; open connections go on. */
    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // best effort
        }
    }

    /** Waits until every connection has ended, with its log entries written and its -u command done. */
    public void awaitConnections() throws InterruptedException {
        Thread accepting;
        synchronized (this) {
            accepting = acceptor;
        }
        // A connection accepted just before close() is in the set once the accept loop has ended.
        if (accepting != null) accepting.join();
        synchronized (this) {
            while (!active.isEmpty()) wait();
        }
    }

    /** Cuts every open connection; each still completes its data file and its log entries. */
    public synchronized void abortConnections() {
        List.copyOf(active).forEach(ForwardConnection::abort);
    }

    public synchronized int openConnections() {
        return active.size();
    }
}
