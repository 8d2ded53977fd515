package org.wirelog.socks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import org.wirelog.model.Endpoint;
import org.wirelog.model.Identity;
import org.wirelog.relay.IoErrors;
import org.wirelog.rules.AuthMethod;

/**
 * The SOCKS negotiation of one connection: version, method selection (SOCKS5), and the request. A failure
 * that has a SOCKS reply gets it before the connection is closed.
 */
final class Negotiation {

    /**
     * @param identity who the client proved to be, or null (method none)
     * @param leftover bytes sent after the request, or null
     */
    record Result(SocksRequest request, AuthMethod method, Identity identity, ByteBuffer leftover) {
    }

    private final SocketChannel channel;
    private final Settings settings;
    private final NegotiationReader in;

    Negotiation(SocketChannel channel, Settings settings) {
        this.channel = channel;
        this.settings = settings;
        this.in = new NegotiationReader(channel);
    }

    long bytesRead() {
        return in.consumed();
    }

    Result run() throws NegotiationFailure {
        int version = in.u8();
        return switch (version) {
            case Socks5.VERSION -> socks5();
            case Socks4.VERSION -> socks4();
            default -> throw new NegotiationFailure("unknown SOCKS version " + version + " in client request");
        };
    }

    private Result socks5() throws NegotiationFailure {
        byte[] offered = Socks5.readMethods(in);
        Authentication.Choice chosen = Authentication.choose(settings.socksMethods(), offered);
        if (chosen == null) {
            send(Socks5.methodChoice(Socks5.NO_ACCEPTABLE_METHOD));
            throw new NegotiationFailure("client offered no acceptable authentication method");
        }
        send(Socks5.methodChoice(chosen.code()));
        Identity identity = new Authentication(channel, settings, in, this::send).run(chosen);
        SocksRequest request = withReplyOnFailure(5);
        return new Result(request, chosen.method(), identity, in.leftover());
    }

    /** SOCKS4 has no method negotiation: only the methods that ask the client nothing can serve it. */
    private Result socks4() throws NegotiationFailure {
        SocksRequest request = withReplyOnFailure(4);
        Authentication.Choice chosen = Authentication.choose(settings.socksMethods(), new byte[] {0x00});
        if (chosen == null) {
            send(Socks4.reply(Reply.NOT_ALLOWED, Endpoint.UNSET));
            throw new NegotiationFailure("client offered no acceptable authentication method");
        }
        Identity identity;
        try {
            identity = new Authentication(channel, settings, in, this::send).run(chosen);
        } catch (NegotiationFailure failure) {
            send(Socks4.reply(Reply.NOT_ALLOWED, Endpoint.UNSET));
            throw failure;
        }
        return new Result(request, chosen.method(), identity, in.leftover());
    }

    private SocksRequest withReplyOnFailure(int version) throws NegotiationFailure {
        try {
            return version == Socks5.VERSION ? Socks5.readRequest(in) : Socks4.readRequest(in);
        } catch (NegotiationFailure failure) {
            if (failure.reply() != null) {
                Endpoint bound = Endpoint.UNSET;
                try {
                    send(version == Socks5.VERSION ? Socks5.reply(failure.reply(), bound) : Socks4.reply(failure.reply(), bound));
                } catch (NegotiationFailure gone) {
                    // the client left; the original failure is what gets logged
                }
            }
            throw failure;
        }
    }

    private void send(ByteBuffer message) throws NegotiationFailure {
        try {
            while (message.hasRemaining()) channel.write(message);
        } catch (IOException e) {
            throw new NegotiationFailure(IoErrors.describe(e));
        }
    }
}
