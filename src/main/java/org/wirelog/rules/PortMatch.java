package org.wirelog.rules;

/**
 * The port part of a rule address: {@code port = 80}, {@code port 1024 - 65535}, {@code port gt 1023}.
 * Stored as an inclusive range; "neq" is the one case that is not a range.
 */
public record PortMatch(int low, int high, boolean except) {

    public static final PortMatch ANY = new PortMatch(0, 65535, false);

    public static PortMatch of(String operator, int port) {
        return switch (operator) {
            case "eq", "=" -> new PortMatch(port, port, false);
            case "neq", "!=" -> new PortMatch(port, port, true);
            case "gt", ">" -> new PortMatch(port + 1, 65535, false);
            case "ge", ">=" -> new PortMatch(port, 65535, false);
            case "lt", "<" -> new PortMatch(0, port - 1, false);
            case "le", "<=" -> new PortMatch(0, port, false);
            default -> throw new IllegalArgumentException("unknown port operator \"" + operator + "\"");
        };
    }

    public static PortMatch range(int low, int high) {
        return new PortMatch(low, high, false);
    }

    public boolean matches(int port) {
        boolean inside = port >= low && port <= high;
        return except != inside;
    }
}
