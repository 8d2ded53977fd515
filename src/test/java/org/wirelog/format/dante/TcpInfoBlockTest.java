package org.wirelog.format.dante;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wirelog.model.TcpInfo;
import org.wirelog.model.TcpInfo.Field;

class TcpInfoBlockTest {

    /** Real Dante's block on its {@code tcp/connect [:} line (corpus log-tcpinfo), both sockets. */
    private static String danteBlock() throws IOException {
        try (InputStream in = TcpInfoBlockTest.class.getResourceAsStream("tcpinfo-connect-opened.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
        }
    }

    /** Only the leading numbers of each side are taken from Dante's text; the names and layout are ours to render. */
    private static TcpInfo side(String block, int side) {
        List<String> valueLines = block.lines().skip(1).filter(l -> !l.isEmpty()).toList();
        Map<Field, Long> values = new EnumMap<>(Field.class);
        for (Field field : Field.values()) {
            String line = valueLines.get(field.ordinal());
            assertThat(line).startsWith(field.cName());
            String value = line.substring(line.indexOf(": ") + 2).split(" <-> ")[side];
            values.put(field, Long.parseLong(value.split(" ")[0]));
        }
        return new TcpInfo(values);
    }

    @Test
    void rendersBothSocketsExactlyAsDante() throws IOException {
        String dante = danteBlock();
        StringBuilder ours = new StringBuilder("pass(1): tcp/connect [: ...");
        TcpInfoBlock.append(ours, new TcpInfo.Pair(side(dante, 0), side(dante, 1)));

        assertThat(ours.toString()).isEqualTo("pass(1): tcp/connect [: ...\n" + dante);
    }

    @Test
    void rendersOneSocketWithoutArrows() throws IOException {
        StringBuilder ours = new StringBuilder();
        TcpInfoBlock.append(ours, new TcpInfo.Pair(side(danteBlock(), 0), null));

        assertThat(ours.toString()).doesNotContain("<->")
                .contains("\ntcpi_state           : 1 (ESTABLISHED)\n")
                .contains("\ntcpi_options         : 7 (TS, SACK, Wscale)\n")
                .contains("\ntcpi_fackets         : 0\n\ntcpi_last_data_sent  : 0\n");
    }
}
