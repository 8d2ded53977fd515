package org.wirelog.socks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import org.wirelog.relay.IoErrors;

/**
 * Reads the client's side of a SOCKS negotiation field by field, counting the bytes consumed so far
 * (Dante reports them: {@code error after reading 5 bytes}). Bytes the client sent ahead are kept for the
 * next field, never lost.
 */
final class NegotiationReader {

    /** Only read from: a client's socket, or the bytes of a test. */
    private final ReadableByteChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(512).flip();
    private long consumed;

    NegotiationReader(ReadableByteChannel channel) {
        this.channel = channel;
    }

    long consumed() {
        return consumed;
    }

    int u8() throws NegotiationFailure {
        fill(1);
        consumed++;
        return buffer.get() & 0xff;
    }

    int u16() throws NegotiationFailure {
        return (u8() << 8) | u8();
    }

    byte[] bytes(int count) throws NegotiationFailure {
        byte[] out = new byte[count];
        for (int i = 0; i < count; ) {
            fill(1);
            int n = Math.min(buffer.remaining(), count - i);
            buffer.get(out, i, n);
            consumed += n;
            i += n;
        }
        return out;
    }

    /** A NUL-terminated string of at most {@code max} bytes (SOCKS4 USERID and hostname). */
    String cString(int max, String what) throws NegotiationFailure {
        StringBuilder text = new StringBuilder();
        while (true) {
            int c = u8();
            if (c == 0) return text.toString();
            if (text.length() >= max) throw new NegotiationFailure(what + " too long (more than " + max + " bytes)", Reply.GENERAL_FAILURE);
            text.append((char) c);
        }
    }

    /** Anything the client sent beyond the negotiation, to be relayed first. */
    ByteBuffer leftover() {
        return buffer.hasRemaining() ? buffer.slice() : null;
    }

    private void fill(int needed) throws NegotiationFailure {
        while (buffer.remaining() < needed) {
            buffer.compact();
            int n;
            try {
                n = channel.read(buffer);
            } catch (java.nio.channels.AsynchronousCloseException e) {
                buffer.flip();
                throw new NegotiationFailure("negotiate timeout");
            } catch (IOException e) {
                buffer.flip();
                throw new NegotiationFailure(IoErrors.describe(e));
            }
            buffer.flip();
            if (n < 0) throw new NegotiationFailure("eof from local client");
        }
    }
}
