package org.wirelog.nat.ipfix;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * A Template Record (RFC 7011 section 3.4.1): the fields of the Data Records that name it by {@code id}, in order.
 *
 * @param id 256 or more: the Set ID of its Data Sets
 */
record Template(int id, List<InformationElement> fields) {

    Template {
        if (id < 256 || id > 65535) throw new IllegalArgumentException("a template id is 256 to 65535: " + id);
        fields = List.copyOf(fields);
    }

    /** The size of one Data Record of this template. */
    int recordLength() {
        int length = 0;
        for (InformationElement field : fields) length += field.length;
        return length;
    }

    /** The size of this Template Record in a Template Set. */
    int length() {
        int length = 4;
        for (InformationElement field : fields) length += field.enterprise == 0 ? 4 : 8;
        return length;
    }

    /** Template ID, Field Count, then each Field Specifier: the E bit and id, the length, the enterprise number if any. */
    void writeTo(ByteBuffer out) {
        out.putShort((short) id).putShort((short) fields.size());
        for (InformationElement field : fields) {
            out.putShort((short) (field.enterprise == 0 ? field.id : 0x8000 | field.id)).putShort((short) field.length);
            if (field.enterprise != 0) out.putInt((int) field.enterprise);
        }
    }
}
