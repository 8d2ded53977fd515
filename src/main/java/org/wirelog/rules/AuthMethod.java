package org.wirelog.rules;

import java.util.Locale;

/** Authentication methods of {@code clientmethod:} / {@code socksmethod:}, with the names Dante logs them by. */
public enum AuthMethod {
    NONE("none"),
    GSSAPI("gssapi"),
    USERNAME("username"),
    RFC931("rfc931"),
    PAM_ANY("pam.any"),
    PAM_ADDRESS("pam.address"),
    PAM_USERNAME("pam.username"),
    BSDAUTH("bsdauth");

    private final String word;

    AuthMethod(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public static AuthMethod parse(String text) {
        String w = text.toLowerCase(Locale.ROOT);
        for (AuthMethod m : values()) {
            if (m.word.equals(w)) return m;
        }
        throw new IllegalArgumentException("unknown method \"" + text + "\"");
    }
}
