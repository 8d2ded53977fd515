package org.wirelog.relay;

/**
 * How long datagrams took through a UDP relay, counted from their arrival in the kernel, as Dante's status dump
 * shows it: until the relay had read them ("read-only"), and until it had sent them on ("i/o"). Called on the
 * relay's threads.
 */
public interface DatagramLatency {

    DatagramLatency NONE = new DatagramLatency() {
        @Override
        public void read(long micros) {
        }

        @Override
        public void relayed(long micros) {
        }
    };

    void read(long micros);

    void relayed(long micros);
}
