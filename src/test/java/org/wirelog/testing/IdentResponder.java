package org.wirelog.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * An RFC 1413 ident server on port 113 of a loopback address, answering each query line as the test says:
 * with a user id, an error, nonsense, or not at all. Keeps the queries it got.
 */
public final class IdentResponder implements AutoCloseable {

    private final ServerSocket server;
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private Thread acceptor;

    private IdentResponder(ServerSocket server) {
        this.server = server;
    }

    /** Answers {@code <ports> : USERID : UNIX : <user>}. */
    public static IdentResponder answering(String user) throws IOException {
        return start(query -> query + " : USERID : UNIX : " + user);
    }

    /** Answers {@code <ports> : ERROR : <error>}. */
    public static IdentResponder failing(String error) throws IOException {
        return start(query -> query + " : ERROR : " + error);
    }

    /** Accepts the query and never answers. */
    public static IdentResponder silent() throws IOException {
        return start(query -> null);
    }

    /** @param answer the response line (without CRLF) for a query line, or null to stay silent */
    public static IdentResponder start(UnaryOperator<String> answer) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 113));
        IdentResponder responder = new IdentResponder(server);
        responder.acceptor = Thread.ofVirtual().name("identd").start(() -> responder.serve(answer));
        return responder;
    }

    private void serve(UnaryOperator<String> answer) {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                held.add(socket);
                Thread.ofVirtual().start(() -> answer(socket, answer));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void answer(Socket socket, UnaryOperator<String> answer) {
        try {
            String query = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            if (query == null) return;
            queries.add(query);
            String response = answer.apply(query.strip());
            if (response == null) return; // silent: the socket stays open until close()
            OutputStream out = socket.getOutputStream();
            out.write((response + "\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.close();
        } catch (IOException ignored) {
            // the asker left
        }
    }

    /** The query lines received, e.g. {@code 40123 , 1080}. */
    public List<String> queries() {
        return List.copyOf(queries);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : held) socket.close();
        // The port is free again only once the accepting thread has left accept().
        try {
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
