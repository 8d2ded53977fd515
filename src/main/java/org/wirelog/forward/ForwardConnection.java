package org.wirelog.forward;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.wirelog.model.Command;
import org.wirelog.model.EndReason;
import org.wirelog.model.Endpoint;
import org.wirelog.model.Event;
import org.wirelog.model.Protocol;
import org.wirelog.model.Session;
import org.wirelog.model.Traffic;
import org.wirelog.model.Verdict;
import org.wirelog.relay.IoErrors;
import org.wirelog.relay.OwnListeners;
import org.wirelog.relay.RelayListener;
import org.wirelog.relay.TcpRelay;

/**
 * One accepted connection from its check against -r to its last log entry: connect to the destination,
 * relay and record until both sides are done, then the connection log entry and the -u command.
 */
final class ForwardConnection implements Runnable {

    private final Forwarder forwarder;
    private final SocketChannel client;
    private volatile SocketChannel target;
    private volatile boolean aborted;

    ForwardConnection(Forwarder forwarder, SocketChannel client) {
        this.forwarder = forwarder;
        this.client = client;
    }

    @Override
    public void run() {
        try {
            forward();
        } catch (IOException e) {
            // The client is gone before we could even name it: nothing to log.
            close(client);
        } finally {
            forwarder.ended(this);
        }
    }

    private void forward() throws IOException {
        ForwardOptions options = forwarder.options();
        Instant begin = Instant.now();
        Endpoint clientEnd = Endpoint.of((InetSocketAddress) client.getRemoteAddress());
        Endpoint internal = Endpoint.of((InetSocketAddress) client.getLocalAddress());
        Verdict verdict = options.allowed().verdict(clientEnd.address());
        Session session = new Session(Session.nextId(), Protocol.TCP, Command.FORWARD, verdict,
                clientEnd, internal, null, null, null, null, begin);
        // Resolved for each connection: a name may point elsewhere tomorrow.
        InetSocketAddress destination = new InetSocketAddress(options.outHost(), options.outPort());
        if (!verdict.pass()) {
            close(client);
            forwarder.sink().emit(new Event.SessionRefused(Instant.now(),
                    session.withDestination(Endpoint.UNSET, Endpoint.of(destination)), "client address not allowed (-r)"));
            return;
        }
        Optional<InetSocketAddress> loop = destination.isUnresolved() ? Optional.empty()
                : new OwnListeners(List.of(forwarder.address())).reachedBy(destination.getAddress(), destination.getPort());
        if (loop.isPresent()) {
            // Forwarding to itself, each connection would open another, until no descriptor is left.
            close(client);
            forwarder.sink().emit(new Event.SessionRefused(Instant.now(), session.withVerdict(Verdict.DEFAULT_BLOCK)
                    .withDestination(Endpoint.UNSET, Endpoint.of(destination)),
                    "proxy loop: " + Endpoint.of(loop.get()) + " is where this forwarder listens"));
            return;
        }
        Recorder recorder = forwarder.recorderFor(session);
        Event.SessionClosed closed;
        try {
            if (destination.isUnresolved()) throw new IOException("could not resolve hostname " + options.outHost());
            target = SocketChannel.open(destination);
        } catch (IOException e) {
            close(client);
            closed = new Event.SessionClosed(Instant.now(), session.withDestination(Endpoint.UNSET, Endpoint.of(destination)),
                    Traffic.ZERO, EndReason.error(EndReason.Kind.TARGET_ERROR, IoErrors.describe(e)));
            finish(recorder, closed);
            return;
        }
        if (aborted) close(target);
        session = session.withDestination(Endpoint.of((InetSocketAddress) target.getLocalAddress()),
                Endpoint.of((InetSocketAddress) target.getRemoteAddress()));
        forwarder.sink().emit(new Event.SessionOpened(Instant.now(), session));
        TcpRelay relay = new TcpRelay(client, target, recorder == null ? RelayListener.NONE : recorder,
                TcpRelay.Timeouts.NONE, null).limitReads(options.bufferSize());
        EndReason reason = relay.run();
        if (aborted) reason = EndReason.of(EndReason.Kind.SHUTDOWN);
        finish(recorder, new Event.SessionClosed(Instant.now(), session, relay.traffic(), reason));
    }

    /** The data file is complete before the log says the connection closed and before -u looks at it. */
    private void finish(Recorder recorder, Event.SessionClosed closed) {
        if (recorder != null) recorder.finish();
        forwarder.sink().emit(closed);
        forwarder.postProcess(closed);
    }

    /** The forwarder is stopping now: cut this connection; its recording is still completed. */
    void abort() {
        aborted = true;
        close(client);
        SocketChannel t = target;
        if (t != null) close(t);
    }

    private static void close(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing is best effort
        }
    }
}
