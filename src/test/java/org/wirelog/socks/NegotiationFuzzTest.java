package org.wirelog.socks;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import org.wirelog.testing.Invariant;

/**
 * The SOCKS parsers under a coverage-guided fuzzer: whatever bytes a client sends, the negotiation either
 * reads a request or fails with a {@link NegotiationFailure} that says what went wrong, never with another
 * exception. The bytes arrive as a client's would, then end of stream (the client hung up).
 * Seeds: {@code NegotiationFuzzTestInputs/<method>/}; see docs/fuzzing.md.
 */
public class NegotiationFuzzTest {

    /** A whole SOCKS4, SOCKS4a or SOCKS5 negotiation, with RFC 1929 when the client offers username/password. */
    @FuzzTest
    public void negotiation(byte[] client) {
        NegotiationReader in = reader(client);
        try {
            SocksRequest request = switch (in.u8()) {
                case Socks5.VERSION -> {
                    byte[] methods = Socks5.readMethods(in);
                    if (offers(methods, 0x02)) UsernamePassword.read(in);
                    yield Socks5.readRequest(in);
                }
                case Socks4.VERSION -> Socks4.readRequest(in);
                default -> null;
            };
            if (request != null) Invariant.holds(request.target() != null, "request.target() is there");
        } catch (NegotiationFailure failure) {
            Invariant.says(failure);
        }
        Invariant.holds(in.consumed() >= 0 && in.consumed() <= client.length, "no more bytes counted than sent");
    }

    /** RFC 1929 alone: VER ULEN UNAME PLEN PASSWD. */
    @FuzzTest
    public void usernamePassword(byte[] client) {
        try {
            UsernamePassword.Credentials credentials = UsernamePassword.read(reader(client));
            Invariant.holds(credentials.user() != null, "credentials.user() is there");
        } catch (NegotiationFailure failure) {
            Invariant.says(failure);
        }
    }

    /** The header of a client's UDP datagram: a destination, or a reason to drop it. */
    @FuzzTest
    public void udpHeader(byte[] datagram) {
        ByteBuffer buffer = ByteBuffer.wrap(datagram);
        switch (UdpHeader.parse(buffer)) {
            case UdpHeader.Destination(var target) -> Invariant.holds(target != null, "target is there");
            case UdpHeader.Malformed(String reason) -> Invariant.holds(!reason.isBlank(), "reason says something");
        }
    }

    private static NegotiationReader reader(byte[] bytes) {
        return new NegotiationReader(Channels.newChannel(new ByteArrayInputStream(bytes)));
    }

    private static boolean offers(byte[] methods, int method) {
        for (byte offered : methods) if ((offered & 0xff) == method) return true;
        return false;
    }
}
