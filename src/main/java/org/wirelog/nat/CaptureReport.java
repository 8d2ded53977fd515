package org.wirelog.nat;

import java.util.List;

/**
 * How reading the captures went.
 *
 * @param frames   frames read, both sides together
 * @param problems what went wrong on the way (a damaged file, a failing device), in words for the log
 */
public record CaptureReport(long frames, List<String> problems) {
}
