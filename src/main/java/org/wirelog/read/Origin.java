package org.wirelog.read;

/** Where a record was read: a file (or {@code -}) and the number of the line, counted from 1. */
public record Origin(String file, long line) {
    @Override
    public String toString() {
        return file + ":" + line;
    }
}
