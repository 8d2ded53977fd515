package org.wirelog.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SockdConfTokenizerTest {

    @Test
    void splitsOnWhitespaceAndBraces() {
        assertThat(SockdConfTokenizer.tokenize("client pass{from:10.0.0.0/8 to: 0/0}\n  log: connect"))
                .containsExactly(
                        new Token("client", 1, true), new Token("pass", 1, false), new Token("{", 1, false),
                        new Token("from:10.0.0.0/8", 1, false), new Token("to:", 1, false), new Token("0/0", 1, false),
                        new Token("}", 1, false),
                        new Token("log:", 2, true), new Token("connect", 2, false));
    }

    @Test
    void dropsCommentsAndBlankLines() {
        List<Token> tokens = SockdConfTokenizer.tokenize("# first\n\ndebug: 1 # trailing { }\n\t# indented\ndebug#glued\n");
        assertThat(tokens).containsExactly(new Token("debug:", 3, true), new Token("1", 3, false),
                new Token("debug", 5, true));
    }

    @Test
    void backslashNewlineContinuesTheLine() {
        assertThat(SockdConfTokenizer.tokenize("log: connect \\\n  disconnect\r\nerror\\\r\n ioop"))
                .containsExactly(new Token("log:", 1, true), new Token("connect", 1, false),
                        new Token("disconnect", 2, false), new Token("error", 3, true), new Token("ioop", 4, false));
    }

    @Test
    void keepsColonsSlashesAndOperatorsInsideWords() {
        assertThat(SockdConfTokenizer.tokenize("internal: ::1 port=10800 /var/log/x-y.log"))
                .extracting(Token::text)
                .containsExactly("internal:", "::1", "port=10800", "/var/log/x-y.log");
    }

    @Test
    void emptyTextHasNoWords() {
        assertThat(SockdConfTokenizer.tokenize("")).isEmpty();
        assertThat(SockdConfTokenizer.tokenize("  \n# only a comment")).isEmpty();
    }
}
