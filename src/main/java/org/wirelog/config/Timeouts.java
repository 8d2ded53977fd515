package org.wirelog.config;

import java.time.Duration;

/**
 * Dante's timeouts; zero means none. Defaults as danted prints them: connect 30s, negotiate 30s,
 * i/o tcp 0s, udp 86400s, tcp fin-wait 0s.
 */
public record Timeouts(Duration negotiate, Duration connect, Duration ioTcp, Duration ioUdp, Duration tcpFinWait) {

    public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ZERO,
            Duration.ofSeconds(86400), Duration.ZERO);

    public Timeouts withNegotiate(Duration d) {
        return new Timeouts(d, connect, ioTcp, ioUdp, tcpFinWait);
    }

    public Timeouts withConnect(Duration d) {
        return new Timeouts(negotiate, d, ioTcp, ioUdp, tcpFinWait);
    }

    /** {@code timeout.io: N} sets both; {@code timeout.io.tcp}/{@code .udp} one each. */
    public Timeouts withIo(Duration tcp, Duration udp) {
        return new Timeouts(negotiate, connect, tcp, udp, tcpFinWait);
    }

    public Timeouts withTcpFinWait(Duration d) {
        return new Timeouts(negotiate, connect, ioTcp, ioUdp, d);
    }
}
