package org.wirelog.relay;

import java.nio.ByteBuffer;
import org.wirelog.model.Direction;

/**
 * Sees every I/O operation of a relay, on the relay's own thread, before the bytes are passed on (so that a
 * log line of a request always comes before the line of its answer). Used for {@code log: ioop/data} and
 * for the forwarder's recordings.
 */
public interface RelayListener {

    RelayListener NONE = (direction, data) -> { };

    /**
     * @param data the bytes read, positioned for reading; empty for an EOF. Do not keep it: copy what you need.
     */
    void transferred(Direction direction, ByteBuffer data);
}
