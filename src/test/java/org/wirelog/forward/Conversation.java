package org.wirelog.forward;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Requests and answers in turns: the server answers a request only when it has all of it, and the client sends
 * the next request only when it has the whole answer, so the order of the bytes in a recording is known.
 */
record Conversation(List<byte[]> requests, List<byte[]> responses) {

    static Conversation of(String... turns) {
        List<byte[]> bytes = java.util.Arrays.stream(turns).map(t -> t.getBytes(StandardCharsets.ISO_8859_1)).toList();
        return new Conversation(java.util.stream.IntStream.range(0, bytes.size()).filter(i -> i % 2 == 0).mapToObj(bytes::get).toList(),
                java.util.stream.IntStream.range(0, bytes.size()).filter(i -> i % 2 == 1).mapToObj(bytes::get).toList());
    }

    LoopbackServer server() throws IOException {
        return new LoopbackServer(socket -> {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            for (int i = 0; i < requests.size(); i++) {
                assertThat(in.readNBytes(requests.get(i).length)).isEqualTo(requests.get(i));
                out.write(responses.get(i));
            }
        });
    }

    /** Runs the conversation through the forwarder as the client, checking every answer. */
    void runThrough(TestForwarder forwarder) throws IOException {
        try (Socket client = forwarder.connect()) {
            for (int i = 0; i < requests.size(); i++) {
                client.getOutputStream().write(requests.get(i));
                assertThat(client.getInputStream().readNBytes(responses.get(i).length)).isEqualTo(responses.get(i));
            }
        }
    }

    byte[] requestBytes() {
        return concat(requests);
    }

    byte[] responseBytes() {
        return concat(responses);
    }

    /** What -l records: each request, then its answer. */
    byte[] bothWays() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int i = 0; i < requests.size(); i++) {
            all.writeBytes(requests.get(i));
            all.writeBytes(responses.get(i));
        }
        return all.toByteArray();
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        parts.forEach(all::writeBytes);
        return all.toByteArray();
    }
}
