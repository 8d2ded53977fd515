package org.wirelog.sys;

/**
 * One frame as libpcap delivered it.
 *
 * @param micros     the capture time stamp, microseconds since the epoch
 * @param wireLength how long the frame was on the wire
 * @param bytes      the captured bytes (at most the snapshot length)
 */
public record CapturedFrame(long micros, int wireLength, byte[] bytes) {
}
