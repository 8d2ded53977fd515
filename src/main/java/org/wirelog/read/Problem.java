package org.wirelog.read;

/** A line that could not be read, and why; reading goes on with the next line. The line is empty where none could be read. */
public record Problem(Origin origin, String reason, String line) {
    @Override
    public String toString() {
        return origin + ": " + reason + (line.isEmpty() ? "" : ": " + line);
    }
}
