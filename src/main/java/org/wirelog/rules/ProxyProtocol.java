package org.wirelog.rules;

/** How a route talks to its next proxy ({@code proxyprotocol:} of a route), in the order wirelog prefers them. */
public enum ProxyProtocol {
    SOCKS_V5("socks_v5"),
    SOCKS_V4("socks_v4"),
    HTTP_V1_0("http_v1.0");

    private final String word;

    ProxyProtocol(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }
}
