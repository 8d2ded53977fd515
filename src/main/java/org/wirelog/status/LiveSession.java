package org.wirelog.status;

import java.time.Instant;

/**
 * One open session as the status page lists it.
 *
 * @param bytesFromClient bytes relayed so far from the client, or -1 where only the session's end tells
 * @param bytesFromTarget bytes relayed so far back to the client, or -1 likewise
 */
public record LiveSession(long id, String protocol, String command, String client, String target, Instant begin,
                          long bytesFromClient, long bytesFromTarget) {
}
