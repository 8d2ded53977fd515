package org.wirelog.nat.ipfix;

import java.nio.ByteBuffer;

/**
 * Builds the IPFIX Messages of one Transport Session and Observation Domain (RFC 7011 section 3): a header, then
 * Sets. Data Records are packed into the message being built, consecutive records of one template sharing a Data
 * Set, until it is full. The header's Sequence Number counts the Data Records of all messages before it
 * (section 10.3.2, for UDP); template messages carry it without counting themselves. Not thread-safe.
 */
final class Messages {

    static final int VERSION = 10;
    static final int TEMPLATE_SET_ID = 2;
    private static final int HEADER_LENGTH = 16, SET_HEADER_LENGTH = 4;

    private final int observationDomain;
    private final ByteBuffer message;
    /** Data Records sent before the message being built, modulo 2^32. */
    private long sequence;
    private int records;
    private Template currentSet;
    private int setStart;

    /** @param maxLength the largest message, in octets: what fits in one datagram on the path */
    Messages(int observationDomain, int maxLength) {
        this.observationDomain = observationDomain;
        this.message = ByteBuffer.allocate(maxLength);
        clear();
    }

    /** A message of one Template Set holding every template. */
    ByteBuffer templates(long exportSeconds) {
        ByteBuffer out = ByteBuffer.allocate(HEADER_LENGTH + SET_HEADER_LENGTH
                + NatTemplates.ALL.stream().mapToInt(Template::length).sum());
        header(out, exportSeconds);
        out.putShort((short) TEMPLATE_SET_ID).putShort((short) (out.capacity() - HEADER_LENGTH));
        for (Template template : NatTemplates.ALL) template.writeTo(out);
        out.putShort(2, (short) out.capacity());
        return out.flip();
    }

    /** @return false when the record does not fit: take the message first */
    boolean add(NatSessionRecord record) {
        Template template = record.template();
        boolean newSet = template != currentSet;
        int needed = template.recordLength() + (newSet ? SET_HEADER_LENGTH : 0);
        if (needed > message.remaining()) {
            if (records == 0) throw new IllegalStateException("a record larger than a message: " + needed);
            return false;
        }
        if (newSet) {
            closeSet();
            currentSet = template;
            setStart = message.position();
            message.putShort((short) template.id()).putShort((short) 0);
        }
        record.writeTo(message);
        records++;
        return true;
    }

    boolean isEmpty() {
        return records == 0;
    }

    /** The message of the records added since the last one; their count goes into the sequence after it. */
    ByteBuffer take(long exportSeconds) {
        closeSet();
        int length = message.position();
        ByteBuffer out = ByteBuffer.allocate(length);
        header(out, exportSeconds);
        out.put(message.array(), HEADER_LENGTH, length - HEADER_LENGTH);
        out.putShort(2, (short) length);
        sequence = (sequence + records) & 0xffffffffL;
        clear();
        return out.flip();
    }

    /** Version, Length (filled in once known), Export Time, Sequence Number, Observation Domain ID. */
    private void header(ByteBuffer out, long exportSeconds) {
        out.putShort((short) VERSION).putShort((short) 0).putInt((int) exportSeconds).putInt((int) sequence).putInt(observationDomain);
    }

    private void closeSet() {
        if (currentSet != null) message.putShort(setStart + 2, (short) (message.position() - setStart));
        currentSet = null;
    }

    private void clear() {
        message.clear().position(HEADER_LENGTH);
        records = 0;
        currentSet = null;
    }
}
