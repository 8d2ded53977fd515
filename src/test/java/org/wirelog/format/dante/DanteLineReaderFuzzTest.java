package org.wirelog.format.dante;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.wirelog.testing.Invariant;

/**
 * The Dante traffic line reader under a coverage-guided fuzzer: a message is a traffic line, or an
 * {@link IllegalArgumentException} says what in it is not; never another exception. What it reads goes on
 * into the session rebuilding. Seeds: the traffic lines of the Dante corpus.
 */
public class DanteLineReaderFuzzTest {

    @FuzzTest
    public void trafficLine(byte[] message) {
        String text = new String(message, StandardCharsets.UTF_8);
        DanteLine line;
        try {
            line = DanteLineReader.read(text);
        } catch (IllegalArgumentException e) {
            Invariant.says(e);
            return;
        }
        DanteSessions<Integer> sessions = new DanteSessions<>((event, origin) -> Invariant.holds(event != null, "an event is there"));
        sessions.accept(Instant.EPOCH, line, 1);
        sessions.finish();
    }
}
