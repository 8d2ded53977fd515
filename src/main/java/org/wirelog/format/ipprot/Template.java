package org.wirelog.format.ipprot;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A connection log format (-C): text copied unchanged, except {@code %%} (a percent sign), {@code %n}
 * (a newline) and the {@link Expression}s, which are replaced by the connection's metrics.
 */
public final class Template {

    /** What wirelog writes when -c is given without -C: every metric a reader of the log asks for first. */
    public static final String DEFAULT = "%s - %e: %i.%c -> %l.%p -> %h.%P: %I bytes in, %O bytes out, %S secs: %r";

    /** One piece of the format: text as it is, or a metric. */
    sealed interface Part {
    }

    record Text(String text) implements Part {
    }

    record Field(Expression expression) implements Part {
    }

    private final String source;
    private final List<Part> parts;

    private Template(String source, List<Part> parts) {
        this.source = source;
        this.parts = parts;
    }

    /** @throws IllegalArgumentException naming the unknown expression and listing the known ones */
    public static Template parse(String format) {
        List<Part> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%') {
                text.append(c);
                continue;
            }
            if (++i == format.length()) throw new IllegalArgumentException("connection log format ends with a lone %");
            char letter = format.charAt(i);
            if (letter == '%') {
                text.append('%');
            } else if (letter == 'n') {
                text.append('\n');
            } else {
                Expression expression = Expression.of(letter);
                if (expression == null) {
                    throw new IllegalArgumentException("unknown expression %" + letter + " in connection log format; known: %%, %n, "
                            + java.util.Arrays.stream(Expression.values()).map(e -> "%" + e.letter()).collect(Collectors.joining(", ")));
                }
                if (!text.isEmpty()) parts.add(new Text(text.toString()));
                text.setLength(0);
                parts.add(new Field(expression));
            }
        }
        if (!text.isEmpty()) parts.add(new Text(text.toString()));
        return new Template(format, List.copyOf(parts));
    }

    public String render(ConnectionEntry entry) {
        StringBuilder out = new StringBuilder(160);
        for (Part part : parts) {
            switch (part) {
                case Text t -> out.append(t.text());
                case Field f -> out.append(f.expression().render(entry));
            }
        }
        return out.toString();
    }

    /** A pattern matching one rendered entry; group k+1 holds the k-th field of {@link #fields()}. */
    Pattern pattern() {
        StringBuilder regex = new StringBuilder();
        for (Part part : parts) {
            switch (part) {
                case Text t -> regex.append(Pattern.quote(t.text()));
                case Field f -> regex.append('(').append(f.expression().pattern()).append(')');
            }
        }
        return Pattern.compile(regex.toString());
    }

    List<Expression> fields() {
        return parts.stream().filter(p -> p instanceof Field).map(p -> ((Field) p).expression()).toList();
    }

    @Override
    public String toString() {
        return source;
    }
}
