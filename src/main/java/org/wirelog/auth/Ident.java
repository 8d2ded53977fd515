package org.wirelog.auth;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.wirelog.relay.IoErrors;

/**
 * An RFC 1413 ident client: asks the client's host (port 113) who owns the client's end of a connection, from
 * the address that connection came to, so that the ident server sees the very pair it is asked about.
 */
public final class Ident {

    public static final int PORT = 113;
    /** RFC 1413: a response line is at most 1000 characters. */
    private static final int MAX_LINE = 1000;

    /** What the lookup found. */
    public sealed interface Answer {
    }

    public record User(String name) implements Answer {
    }

    /** No user: the server said ERROR, said nonsense, or did not answer; {@code reason} says which. */
    public record Failure(String reason) implements Answer {
    }

    private Ident() {
    }

    /**
     * @param client the client's end of the connection (its host is asked)
     * @param server our end, the address the client connected to
     * @param limit  how long the whole lookup may take
     */
    public static Answer lookup(InetSocketAddress client, InetSocketAddress server, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(server.getAddress(), 0));
            socket.connect(new InetSocketAddress(client.getAddress(), PORT), millisLeft(deadline));
            String query = client.getPort() + " , " + server.getPort() + "\r\n";
            socket.getOutputStream().write(query.getBytes(StandardCharsets.US_ASCII));
            String line = readLine(socket, deadline);
            return parse(line, client.getPort(), server.getPort());
        } catch (SocketTimeoutException e) {
            return new Failure("no answer from the ident server within " + limit.toMillis() + " ms");
        } catch (IOException e) {
            return new Failure("ident query to " + client.getAddress().getHostAddress() + "." + PORT + " failed: " + IoErrors.describe(e));
        }
    }

    /** {@code 6193, 23 : USERID : UNIX : stjohns}, or {@code 6195, 23 : ERROR : NO-USER} (RFC 1413). */
    static Answer parse(String line, int clientPort, int serverPort) {
        String[] fields = line.split(":", 4);
        if (fields.length < 3) return new Failure("malformed ident answer \"" + printable(line) + "\"");
        String[] ports = fields[0].split(",");
        if (ports.length != 2 || !number(ports[0], clientPort) || !number(ports[1], serverPort)) {
            return new Failure("ident answer for other ports: \"" + printable(line) + "\"");
        }
        String type = fields[1].trim().toUpperCase(Locale.ROOT);
        if (type.equals("ERROR")) return new Failure("ident server says " + fields[2].trim());
        if (!type.equals("USERID") || fields.length < 4) return new Failure("malformed ident answer \"" + printable(line) + "\"");
        // The user id is everything after the third colon, spaces kept except the one after the colon.
        String user = fields[3].startsWith(" ") ? fields[3].substring(1) : fields[3];
        user = user.strip();
        if (user.isEmpty()) return new Failure("empty user id in ident answer");
        return new User(printable(user));
    }

    private static boolean number(String text, int expected) {
        try {
            return Integer.parseInt(text.trim()) == expected;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String readLine(Socket socket, long deadline) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder line = new StringBuilder();
        while (line.length() < MAX_LINE) {
            socket.setSoTimeout(millisLeft(deadline));
            int c = in.read();
            if (c < 0 || c == '\n') break;
            if (c != '\r') line.append((char) c);
        }
        return line.toString();
    }

    private static int millisLeft(long deadline) throws SocketTimeoutException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) throw new SocketTimeoutException("ident deadline passed");
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    /** What a remote server says goes into our log: control characters are not let through. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) out.append(c < 0x20 || c == 0x7f ? '?' : c);
        return out.toString();
    }
}
