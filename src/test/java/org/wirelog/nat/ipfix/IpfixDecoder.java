package org.wirelog.nat.ipfix;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small IPFIX collector's decoder, written from RFC 7011 for the tests and sharing nothing with the exporter:
 * messages into their header, templates and data records, each record a map from the element's IANA name (a reverse
 * element as {@code reverse} + the name, RFC 5103) to its value: a number, or an IPv4 address as text. It refuses
 * anything malformed (lengths that do not add up, data before its template, an unknown element).
 */
final class IpfixDecoder {

    record Field(int id, int length, long enterprise) {
    }

    record TemplateRecord(int id, List<Field> fields) {
    }

    record DataRecord(int templateId, Map<String, Object> values) {
    }

    record Message(int version, int length, long exportTime, long sequence, long domain, List<TemplateRecord> templates,
                   List<DataRecord> records) {
    }

    /** name and type of the elements a NAT44 session event may hold: 'a' an IPv4 address, 'u' an unsigned number. */
    private static final Map<String, String> ELEMENTS = Map.ofEntries(
            Map.entry("0/1", "u octetDeltaCount"), Map.entry("0/2", "u packetDeltaCount"), Map.entry("0/4", "u protocolIdentifier"),
            Map.entry("0/7", "u sourceTransportPort"), Map.entry("0/8", "a sourceIPv4Address"),
            Map.entry("0/11", "u destinationTransportPort"), Map.entry("0/12", "a destinationIPv4Address"),
            Map.entry("0/225", "a postNATSourceIPv4Address"), Map.entry("0/227", "u postNAPTSourceTransportPort"),
            Map.entry("0/230", "u natEvent"), Map.entry("0/323", "u observationTimeMilliseconds"),
            Map.entry("29305/1", "u reverseOctetDeltaCount"), Map.entry("29305/2", "u reversePacketDeltaCount"));

    private final Map<Integer, TemplateRecord> templates = new HashMap<>();

    Message decode(byte[] datagram) {
        ByteBuffer in = ByteBuffer.wrap(datagram);
        int version = in.getShort() & 0xffff, length = in.getShort() & 0xffff;
        long exportTime = in.getInt() & 0xffffffffL, sequence = in.getInt() & 0xffffffffL, domain = in.getInt() & 0xffffffffL;
        if (length != datagram.length) throw new IllegalArgumentException("message length " + length + " in a datagram of " + datagram.length);
        List<TemplateRecord> templateRecords = new ArrayList<>();
        List<DataRecord> dataRecords = new ArrayList<>();
        while (in.hasRemaining()) {
            int setId = in.getShort() & 0xffff, setLength = in.getShort() & 0xffff;
            if (setLength < 4 || setLength - 4 > in.remaining()) throw new IllegalArgumentException("set length " + setLength);
            ByteBuffer set = in.slice(in.position(), setLength - 4);
            in.position(in.position() + setLength - 4);
            if (setId == 2) {
                while (set.remaining() >= 4) templateRecords.add(template(set));
            } else if (setId >= 256) {
                TemplateRecord template = templates.get(setId);
                if (template == null) throw new IllegalArgumentException("data set " + setId + " before its template");
                int recordLength = template.fields().stream().mapToInt(Field::length).sum();
                while (set.remaining() >= recordLength) dataRecords.add(data(template, set));
                if (set.hasRemaining()) throw new IllegalArgumentException(set.remaining() + " octets left in data set " + setId);
            } else {
                throw new IllegalArgumentException("unexpected set id " + setId);
            }
        }
        return new Message(version, length, exportTime, sequence, domain, templateRecords, dataRecords);
    }

    private TemplateRecord template(ByteBuffer set) {
        int id = set.getShort() & 0xffff, count = set.getShort() & 0xffff;
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int type = set.getShort() & 0xffff, length = set.getShort() & 0xffff;
            long enterprise = (type & 0x8000) != 0 ? set.getInt() & 0xffffffffL : 0;
            fields.add(new Field(type & 0x7fff, length, enterprise));
        }
        TemplateRecord template = new TemplateRecord(id, fields);
        templates.put(id, template);
        return template;
    }

    private static DataRecord data(TemplateRecord template, ByteBuffer set) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field field : template.fields()) {
            String element = ELEMENTS.get(field.enterprise() + "/" + field.id());
            if (element == null) throw new IllegalArgumentException("unknown element " + field);
            byte[] bytes = new byte[field.length()];
            set.get(bytes);
            if (element.startsWith("a ")) {
                if (bytes.length != 4) throw new IllegalArgumentException(element + " of " + bytes.length + " octets");
                values.put(element.substring(2), (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff));
            } else {
                long value = 0;
                for (byte b : bytes) value = value << 8 | (b & 0xff);
                values.put(element.substring(2), value);
            }
        }
        return new DataRecord(template.id(), values);
    }
}
