package org.wirelog.socks.limit;

/** A session's place under a limit; closing it gives the place back. Closing twice gives it back once. */
public interface Permit extends AutoCloseable {

    Permit NONE = () -> { };

    @Override
    void close();
}
