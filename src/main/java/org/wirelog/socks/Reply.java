package org.wirelog.socks;

/** RFC 1928 reply codes (REP), and what a SOCKS4 client gets for each (CD 90 or 91). */
public enum Reply {
    SUCCEEDED(0),
    GENERAL_FAILURE(1),
    NOT_ALLOWED(2),
    NETWORK_UNREACHABLE(3),
    HOST_UNREACHABLE(4),
    CONNECTION_REFUSED(5),
    TTL_EXPIRED(6),
    COMMAND_NOT_SUPPORTED(7),
    ADDRESS_TYPE_NOT_SUPPORTED(8);

    private final int code;

    Reply(int code) {
        this.code = code;
    }

    public int socks5Code() {
        return code;
    }

    /** SOCKS4 knows only "granted" (90) and "rejected or failed" (91). */
    public int socks4Code() {
        return this == SUCCEEDED ? 90 : 91;
    }
}
