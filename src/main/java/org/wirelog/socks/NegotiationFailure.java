package org.wirelog.socks;

/**
 * The client broke the protocol, went away or was too slow during negotiation. The message is Dante's
 * text ({@code eof from local client}, {@code unknown SOCKS version 71 in client request}).
 */
public final class NegotiationFailure extends Exception {

    private final Reply reply;

    public NegotiationFailure(String message) {
        this(message, null);
    }

    /** @param reply the SOCKS reply to send before closing, or null to close without one */
    public NegotiationFailure(String message, Reply reply) {
        super(message, null, false, false);
        this.reply = reply;
    }

    public Reply reply() {
        return reply;
    }
}
