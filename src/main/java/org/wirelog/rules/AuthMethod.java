package org.wirelog.rules;

import java.util.Locale;

/** Authentication methods of {@code clientmethod:} / {@code socksmethod:}, with the names Dante logs them by. */
public enum AuthMethod {
    NONE("none", 0x00),
    GSSAPI("gssapi", 0x01),
    USERNAME("username", 0x02),
    RFC931("rfc931", -1),
    PAM_ANY("pam.any", -1),
    PAM_ADDRESS("pam.address", -1),
    PAM_USERNAME("pam.username", 0x02),
    BSDAUTH("bsdauth", 0x02);

    private final String word;
    private final int socksCode;

    AuthMethod(String word, int socksCode) {
        this.word = word;
        this.socksCode = socksCode;
    }

    public String word() {
        return word;
    }

    /** The RFC 1928 METHOD byte a client offers for it, or -1 where the method needs none from the client. */
    public int socksCode() {
        return socksCode;
    }

    public static AuthMethod parse(String text) {
        String w = text.toLowerCase(Locale.ROOT);
        for (AuthMethod m : values()) {
            if (m.word.equals(w)) return m;
        }
        throw new IllegalArgumentException("unknown method \"" + text + "\"");
    }
}
