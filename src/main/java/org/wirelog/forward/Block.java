package org.wirelog.forward;

import org.wirelog.model.Direction;

/**
 * One read of a connection as the recorder keeps it.
 *
 * @param micros when it was read, in microseconds since the epoch (0 when neither -M nor -t needs it)
 * @param data   a copy of the bytes, or null when this direction is not recorded (only its marker is)
 */
record Block(Direction direction, long micros, byte[] data) {
}
