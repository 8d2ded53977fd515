package org.wirelog.forward;

/** A command line wirelog forward cannot run with; the message says what is wrong with it. */
public final class UsageException extends Exception {

    public UsageException(String message) {
        super(message);
    }
}
