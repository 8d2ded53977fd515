package org.wirelog.model;

/** Which way bytes went in a session: from its source side (the client) or from its destination side. */
public enum Direction {
    FROM_CLIENT, FROM_TARGET;

    public Direction reverse() {
        return this == FROM_CLIENT ? FROM_TARGET : FROM_CLIENT;
    }
}
