package org.wirelog.sys;

import java.io.IOException;

/** libpcap said no: a file it cannot open or read, a device it cannot capture on. */
public final class PcapException extends IOException {

    public PcapException(String message) {
        super(message);
    }
}
