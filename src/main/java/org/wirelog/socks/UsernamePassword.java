package org.wirelog.socks;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * RFC 1929: {@code VER(1)=1 ULEN UNAME PLEN PASSWD} from the client, {@code VER STATUS} back; any status but 0
 * means failure and the connection is closed.
 */
final class UsernamePassword {

    static final int VERSION = 1;

    /** @param password the raw bytes, to be wiped by whoever checked them */
    record Credentials(String user, byte[] password) {
    }

    private UsernamePassword() {
    }

    static Credentials read(NegotiationReader in) throws NegotiationFailure {
        int version = in.u8();
        if (version != VERSION) {
            throw new NegotiationFailure("unknown username/password sub-negotiation version " + version);
        }
        // RFC 1929 does not say which charset; UTF-8 names the usual accounts right and keeps others readable.
        String user = new String(in.bytes(in.u8()), StandardCharsets.UTF_8);
        byte[] password = in.bytes(in.u8());
        return new Credentials(user, password);
    }

    static ByteBuffer status(boolean success) {
        return ByteBuffer.wrap(new byte[] {VERSION, (byte) (success ? 0 : 1)});
    }
}
