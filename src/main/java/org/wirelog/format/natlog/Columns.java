package org.wirelog.format.natlog;

/** Which optional parts natlog writes: {@code --no-bytes}, {@code --no-via} and {@code --no-dst} turn them off. */
public record Columns(boolean bytes, boolean via, boolean destination) {

    public static final Columns ALL = new Columns(true, true, true);
}
