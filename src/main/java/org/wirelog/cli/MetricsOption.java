package org.wirelog.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import org.wirelog.status.Monitor;
import picocli.CommandLine.Option;

/** {@code --metrics ADDR:PORT}, shared by the serving modes: Prometheus metrics and the live status page. */
public final class MetricsOption {

    @Option(names = "--metrics", paramLabel = "ADDR:PORT",
            description = "serve Prometheus metrics at http://ADDR:PORT/metrics and a live status page at /")
    String address;

    /** The monitor for {@code mode}: serving at the address given, or off without the option. */
    Monitor open(String mode) throws IOException {
        if (address == null) return Monitor.off(mode);
        InetSocketAddress at = parse(address);
        try {
            return Monitor.serving(mode, at);
        } catch (IOException e) {
            throw new IOException("--metrics " + address + ": cannot listen: " + e.getMessage(), e);
        }
    }

    /** The option again, for a daemon's child process. */
    List<String> arguments() {
        return address == null ? List.of() : List.of("--metrics", address);
    }

    /** {@code 127.0.0.1:9100}, {@code [::1]:9100}, or {@code :9100} for every address. */
    static InetSocketAddress parse(String text) throws IOException {
        int colon = text.lastIndexOf(':');
        if (colon < 0) throw new IOException("--metrics " + text + ": ADDR:PORT expected");
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IOException("--metrics " + text + ": not a port number: " + text.substring(colon + 1));
        }
        if (port < 0 || port > 65535) throw new IOException("--metrics " + text + ": port out of range");
        return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    }
}
