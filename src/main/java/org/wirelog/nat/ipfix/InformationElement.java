package org.wirelog.nat.ipfix;

/**
 * The Information Elements wirelog exports, with the numbers and sizes of IANA's IPFIX registry (RFC 7012,
 * RFC 8158 for the NAT ones) and RFC 5103's reverse counters (enterprise number 29305: the same element,
 * counted in the reverse direction of a biflow).
 *
 * @param id         the element's number
 * @param length     its size in a record, in octets (the registry's size; no reduced-size encoding)
 * @param enterprise 0 for IANA's elements, else the enterprise number the id belongs to
 */
enum InformationElement {
    OBSERVATION_TIME_MILLISECONDS(323, 8, 0),
    NAT_EVENT(230, 1, 0),
    SOURCE_IPV4_ADDRESS(8, 4, 0),
    POST_NAT_SOURCE_IPV4_ADDRESS(225, 4, 0),
    PROTOCOL_IDENTIFIER(4, 1, 0),
    SOURCE_TRANSPORT_PORT(7, 2, 0),
    POST_NAPT_SOURCE_TRANSPORT_PORT(227, 2, 0),
    DESTINATION_IPV4_ADDRESS(12, 4, 0),
    DESTINATION_TRANSPORT_PORT(11, 2, 0),
    /** Whole IP packets, headers included, from the source (the initiator) towards the destination. */
    OCTET_DELTA_COUNT(1, 8, 0),
    PACKET_DELTA_COUNT(2, 8, 0),
    /** The same, from the destination back to the source. */
    REVERSE_OCTET_DELTA_COUNT(1, 8, InformationElement.REVERSE_PEN),
    REVERSE_PACKET_DELTA_COUNT(2, 8, InformationElement.REVERSE_PEN);

    /** RFC 5103's Private Enterprise Number for reverse Information Elements. */
    static final long REVERSE_PEN = 29305;

    final int id;
    final int length;
    final long enterprise;

    InformationElement(int id, int length, long enterprise) {
        this.id = id;
        this.length = length;
        this.enterprise = enterprise;
    }
}
