package org.wirelog.index;

/** The index could not be read or written (a damaged file, a full disk): unchecked, as lookups run inside {@code who}. */
public final class IndexException extends RuntimeException {

    public IndexException(String what, Throwable cause) {
        super(what + ": " + cause.getMessage(), cause);
    }
}
