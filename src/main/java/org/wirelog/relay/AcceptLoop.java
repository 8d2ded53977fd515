package org.wirelog.relay;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.function.Function;
import org.wirelog.model.Event;
import org.wirelog.model.EventSink;
import org.wirelog.model.Level;

/**
 * Accepts connections on one listener until it is closed, and runs each on a virtual thread of its own.
 * When accept(2) fails (EMFILE once the descriptors run out, ...) it says so once, backs off briefly and keeps
 * serving, and says so again when accepting works: one line per episode, not one per try.
 */
public final class AcceptLoop {

    private static final long BACK_OFF_MILLIS = 100;

    private AcceptLoop() {
    }

    /**
     * @param connection called on the accepting thread (so a caller may register the connection before it runs);
     *                   returns what runs on the connection's own thread
     */
    public static Thread start(String name, ServerSocketChannel listener, EventSink sink,
                               Function<SocketChannel, Runnable> connection) {
        return Thread.ofVirtual().name(name).start(() -> run(listener, sink, connection));
    }

    private static void run(ServerSocketChannel listener, EventSink sink, Function<SocketChannel, Runnable> connection) {
        String where = String.valueOf(listener.socket().getLocalSocketAddress());
        boolean failing = false;
        while (true) {
            SocketChannel client;
            try {
                client = listener.accept();
            } catch (ClosedChannelException closed) {
                return;
            } catch (IOException e) {
                if (!failing) sink.emit(Event.Notice.of(Level.WARNING, "accept(2) on " + where + " failed: " + IoErrors.describe(e)));
                failing = true;
                try {
                    Thread.sleep(BACK_OFF_MILLIS);
                } catch (InterruptedException interrupted) {
                    return;
                }
                continue;
            }
            if (failing) sink.emit(Event.Notice.of(Level.NOTICE, "accept(2) on " + where + " works again"));
            failing = false;
            Thread.ofVirtual().start(connection.apply(client));
        }
    }
}
