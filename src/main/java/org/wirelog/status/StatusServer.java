package org.wirelog.status;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The HTTP side of {@code --metrics}: the JDK's own server, with the Prometheus client's handler at
 * {@code /metrics} and the status page at {@code /} with its data at {@code /sessions.json} and {@code /status.json}.
 */
final class StatusServer implements AutoCloseable {

    private static final byte[] PAGE = page();

    private final HttpServer http;

    /** Binds now, so that a port in use is reported at start; serves from {@link #start()}. */
    StatusServer(InetSocketAddress at, PrometheusRegistry registry, Supplier<String> sessionsJson,
                 Supplier<String> statusJson) throws IOException {
        http = HttpServer.create(at, 0);
        http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        http.createContext("/metrics", new MetricsHandler(registry));
        http.createContext("/sessions.json", exchange -> json(exchange, sessionsJson));
        http.createContext("/status.json", exchange -> json(exchange, statusJson));
        http.createContext("/", new Page());
    }

    void start() {
        http.start();
    }

    InetSocketAddress address() {
        return http.getAddress();
    }

    @Override
    public void close() {
        http.stop(0);
    }

    private static final class Page implements HttpHandler {
        @Override
        public void handle(HttpExchange exchange) throws IOException {
            // "/" is the context of every path nothing else took
            if (!exchange.getRequestURI().getPath().equals("/")) {
                send(exchange, 404, "text/plain; charset=utf-8", "not found\n".getBytes(StandardCharsets.UTF_8));
            } else {
                send(exchange, 200, "text/html; charset=utf-8", PAGE);
            }
        }
    }

    private static void json(HttpExchange exchange, Supplier<String> body) throws IOException {
        send(exchange, 200, "application/json", body.get().getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        try (exchange; OutputStream out = exchange.getResponseBody()) {
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(status, head ? -1 : body.length);
            if (!head) out.write(body);
        }
    }

    private static byte[] page() {
        try (InputStream in = StatusServer.class.getResourceAsStream("status.html")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
