package org.wirelog.nat.ipfix;

import static org.wirelog.nat.ipfix.InformationElement.DESTINATION_IPV4_ADDRESS;
import static org.wirelog.nat.ipfix.InformationElement.DESTINATION_TRANSPORT_PORT;
import static org.wirelog.nat.ipfix.InformationElement.NAT_EVENT;
import static org.wirelog.nat.ipfix.InformationElement.OBSERVATION_TIME_MILLISECONDS;
import static org.wirelog.nat.ipfix.InformationElement.OCTET_DELTA_COUNT;
import static org.wirelog.nat.ipfix.InformationElement.PACKET_DELTA_COUNT;
import static org.wirelog.nat.ipfix.InformationElement.POST_NAPT_SOURCE_TRANSPORT_PORT;
import static org.wirelog.nat.ipfix.InformationElement.POST_NAT_SOURCE_IPV4_ADDRESS;
import static org.wirelog.nat.ipfix.InformationElement.PROTOCOL_IDENTIFIER;
import static org.wirelog.nat.ipfix.InformationElement.REVERSE_OCTET_DELTA_COUNT;
import static org.wirelog.nat.ipfix.InformationElement.REVERSE_PACKET_DELTA_COUNT;
import static org.wirelog.nat.ipfix.InformationElement.SOURCE_IPV4_ADDRESS;
import static org.wirelog.nat.ipfix.InformationElement.SOURCE_TRANSPORT_PORT;

import java.util.ArrayList;
import java.util.List;

/**
 * The two templates of wirelog's NAT44 session events, the fields in the order of RFC 8158's NAT44 session
 * create/delete template (section 4.4.1; the vlan and VRF ids left out, wirelog knows none, and the post-NAT
 * destination too, source NAT does not change it).
 */
final class NatTemplates {

    /** A session created, or deleted without known counts. */
    static final Template SESSION = new Template(256, List.of(OBSERVATION_TIME_MILLISECONDS, NAT_EVENT,
            SOURCE_IPV4_ADDRESS, POST_NAT_SOURCE_IPV4_ADDRESS, PROTOCOL_IDENTIFIER, SOURCE_TRANSPORT_PORT,
            POST_NAPT_SOURCE_TRANSPORT_PORT, DESTINATION_IPV4_ADDRESS, DESTINATION_TRANSPORT_PORT));

    /** A session deleted, with what it carried each way. */
    static final Template SESSION_WITH_COUNTS = new Template(257, withCounts());

    static final List<Template> ALL = List.of(SESSION, SESSION_WITH_COUNTS);

    private NatTemplates() {
    }

    private static List<InformationElement> withCounts() {
        List<InformationElement> fields = new ArrayList<>(SESSION.fields());
        fields.addAll(List.of(OCTET_DELTA_COUNT, PACKET_DELTA_COUNT, REVERSE_OCTET_DELTA_COUNT, REVERSE_PACKET_DELTA_COUNT));
        return fields;
    }
}
