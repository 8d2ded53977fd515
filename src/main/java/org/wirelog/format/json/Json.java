package org.wirelog.format.json;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wirelog.format.dante.Vis;

/**
 * A JSON object written in the order its members were put, one line, for JSON-lines pipelines
 * (Elasticsearch, Loki). Null members are left out. Values: strings, numbers, booleans, nested objects
 * and lists of objects.
 */
public final class Json {

    private final Map<String, Object> members = new LinkedHashMap<>();

    public Json put(String name, Object value) {
        if (value != null) members.put(name, value);
        return this;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(256);
        write(out, this);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value) {
        switch (value) {
            case Json json -> {
                out.append('{');
                boolean first = true;
                for (var member : json.members.entrySet()) {
                    if (!first) out.append(',');
                    first = false;
                    string(out, member.getKey());
                    out.append(':');
                    write(out, member.getValue());
                }
                out.append('}');
            }
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) out.append(',');
                    write(out, list.get(i));
                }
                out.append(']');
            }
            case Number n -> out.append(n);
            case Boolean b -> out.append(b);
            default -> string(out, value.toString());
        }
    }

    private static void string(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Vis.isControl(c)) out.append(String.format("\\u%04x", (int) c)); else out.append(c);
                }
            }
        }
        out.append('"');
    }
}
