package org.wirelog.model;

/**
 * Why a session ended, in the words of Dante's log ({@code local client closed},
 * {@code remote peer error (Connection refused)}, {@code i/o timeout}).
 */
public record EndReason(Kind kind, String detail) {

    public enum Kind {
        CLIENT_CLOSED("local client closed"),
        TARGET_CLOSED("remote peer closed"),
        CLIENT_ERROR("local client error"),
        TARGET_ERROR("remote peer error"),
        CONNECT_TIMEOUT("connect timeout"),
        IO_TIMEOUT("i/o timeout"),
        FIN_WAIT_TIMEOUT("fin-wait timeout"),
        SHUTDOWN("server exiting");

        private final String text;

        Kind(String text) {
            this.text = text;
        }
    }

    private static final Kind[] KINDS = Kind.values();
    /** The reasons without detail, one each: logs read back name them on millions of lines. */
    private static final EndReason[] PLAIN = java.util.Arrays.stream(KINDS).map(k -> new EndReason(k, null)).toArray(EndReason[]::new);

    public static EndReason of(Kind kind) {
        return PLAIN[kind.ordinal()];
    }

    public static EndReason error(Kind kind, String detail) {
        return new EndReason(kind, detail);
    }

    /**
     * The inverse of {@link #text()}: {@code remote peer error (Connection refused)} read back.
     *
     * @return the reason, or null when the text is none of the known reasons
     */
    public static EndReason parse(String text) {
        for (Kind kind : KINDS) {
            int length = kind.text.length();
            if (!text.startsWith(kind.text)) continue;
            if (text.length() == length) return of(kind);
            if (text.startsWith(" (", length) && text.endsWith(")")) return error(kind, text.substring(length + 2, text.length() - 1));
        }
        return null;
    }

    public String text() {
        return detail == null ? kind.text : kind.text + " (" + detail + ")";
    }

    @Override
    public String toString() {
        return text();
    }
}
