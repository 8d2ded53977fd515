package org.wirelog.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The byte searches give what the same search in the line's text, cut to {@code [from, to)}, gives. */
class AsciiBytesTest {

    private static final String ALPHABET = "ab ->.,():";

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void searchesAgreeWithTheTextsOwn(long seed) {
        Random random = new Random(seed);
        for (int round = 0; round < 2_000; round++) {
            String text = randomText(random, random.nextInt(24));
            byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
            int from = random.nextInt(text.length() + 1), to = from + random.nextInt(text.length() - from + 1);
            String window = text.substring(from, to);
            String needle = randomText(random, 1 + random.nextInt(3));
            char c = needle.charAt(0);

            assertThat(AsciiBytes.indexOf(bytes, c, from, to)).as("%s in [%s]", c, window).isEqualTo(shifted(window.indexOf(c), from));
            assertThat(AsciiBytes.lastIndexOf(bytes, c, from, to)).as("last %s in [%s]", c, window).isEqualTo(shifted(window.lastIndexOf(c), from));
            assertThat(AsciiBytes.indexOf(bytes, needle, from, to)).as("%s in [%s]", needle, window).isEqualTo(shifted(window.indexOf(needle), from));
            assertThat(AsciiBytes.lastIndexOf(bytes, needle, from, to)).as("last %s in [%s]", needle, window)
                    .isEqualTo(shifted(window.lastIndexOf(needle), from));
            assertThat(AsciiBytes.startsWith(bytes, from, to, needle)).isEqualTo(window.startsWith(needle));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "TCP", "Tcp", "tCp"})
    void wordsMatchInEitherCase(String written) {
        byte[] bytes = ("x" + written + "y").getBytes(StandardCharsets.US_ASCII);
        assertThat(AsciiBytes.equalsIgnoreCase(bytes, 1, 4, "TCP")).isTrue();
        assertThat(AsciiBytes.equalsIgnoreCase(bytes, 1, 4, "UDP")).isFalse();
        assertThat(AsciiBytes.equalsIgnoreCase(bytes, 0, 4, "TCP")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a_b", "a-b", "a1b"})
    void onlyLettersFoldTheirCase(String name) {
        // '_' is '\u007f' with the case bit cleared: folding it as a letter would take "a\u007fb" for "A_B".
        byte[] other = name.replace('_', '\u007f').replace('-', '\r').replace('1', '\u0011').getBytes(StandardCharsets.US_ASCII);
        assertThat(AsciiBytes.equalsIgnoreCase(other, 0, other.length, name.toUpperCase())).isFalse();
        assertThat(AsciiBytes.equalsIgnoreCase(name.getBytes(StandardCharsets.US_ASCII), 0, name.length(), name.toUpperCase())).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h\u00f6st", "caf\u00e9 \u00fcber"})
    void textIsDecodedAsUtf8(String written) {
        byte[] bytes = ("<" + written + ">").getBytes(StandardCharsets.UTF_8);
        assertThat(AsciiBytes.text(bytes, 1, bytes.length - 1)).isEqualTo(written);
    }

    private static int shifted(int index, int from) {
        return index < 0 ? -1 : index + from;
    }

    private static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        return text.toString();
    }
}
