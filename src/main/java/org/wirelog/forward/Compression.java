package org.wirelog.forward;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;

/** How a data file is written: as it is, -z gzip or -j bzip2, compressed while the connection runs. */
public enum Compression {
    NONE(""), GZIP(".gz"), BZIP2(".bz2");

    private final String suffix;

    Compression(String suffix) {
        this.suffix = suffix;
    }

    /** Appended to the data file name, so that gzip -d and bzip2 -d take the file as it is. */
    public String suffix() {
        return suffix;
    }

    /**
     * Wraps the file's stream. gzip uses SYNC_FLUSH so that each flush makes everything so far readable
     * while the connection runs; bzip2 can only emit whole blocks (900 kB), which it does as they fill.
     */
    OutputStream wrap(OutputStream file) throws IOException {
        return switch (this) {
            case NONE -> file;
            case GZIP -> new GZIPOutputStream(file, 1 << 16, true);
            case BZIP2 -> new BZip2CompressorOutputStream(file);
        };
    }
}
