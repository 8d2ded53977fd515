package org.wirelog.format.dante;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Instant;
import org.wirelog.testing.Invariant;

/**
 * The Dante traffic line reader under a coverage-guided fuzzer, and the session rebuilding after it: a message
 * is a traffic line of a session, or an {@link IllegalArgumentException} says what in it is not; never
 * another exception. Seeds: the traffic lines of the Dante corpus.
 */
public class DanteLineReaderFuzzTest {

    @FuzzTest
    public void trafficLine(byte[] message) {
        DanteSessions<Integer> sessions = new DanteSessions<>((event, origin) -> Invariant.holds(event != null, "an event is there"));
        try {
            sessions.accept(Instant.EPOCH, new DanteLineReader().read(message, 0, message.length), 1);
        } catch (IllegalArgumentException e) {
            Invariant.says(e);
        }
        sessions.finish();
    }
}
