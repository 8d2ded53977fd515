package org.wirelog.nat;

/**
 * A fragment after the first: no ports, but its payload belongs to the datagram whose first fragment
 * had the same addresses, protocol and identification.
 *
 * @param payloadLength the bytes this fragment adds to the reassembled datagram
 */
public record LaterFragment(long micros, int protocol, int source, int destination, int identification,
                            int payloadLength, boolean moreFragments) implements Observed {
}
