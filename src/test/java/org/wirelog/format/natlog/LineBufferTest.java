package org.wirelog.format.natlog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LineBufferTest {

    @Test
    void numbersArePaddedAsStringFormatPadsThem() {
        long[] values = {0, 7, 9, 10, 99, 100, 255, 999, 1000, 65535, 1_700_000_000L, Integer.MAX_VALUE,
                Integer.MAX_VALUE + 1L, 99_999_999_999L, 4_294_967_296_000L, Long.MAX_VALUE, -1, -42, Long.MIN_VALUE};
        for (long value : values) {
            for (int width : new int[] {1, 3, 6, 10, 22}) {
                assertEquals(String.format("%" + width + "d", value), new LineBuffer(4).appendPadded(value, width, ' ').toString());
                if (value >= 0) {
                    assertEquals(String.format("%0" + width + "d", value), new LineBuffer(4).appendPadded(value, width, '0').toString());
                }
            }
        }
    }

    @Test
    void textIsUtf8AndColumnsCountFromAStart() {
        LineBuffer line = new LineBuffer(2).append("from ").append('x');
        int start = line.length();
        line.append("müde").padFrom(start, 8).append('|').appendRight("ab", 4);
        assertEquals("from xmüde   |  ab", line.toString());
    }
}
